namespace Anna.Core.Rollback;

/// <summary>
/// Where Anna keeps what undo needs, under its data directory (root-only): file backups and
/// kept package files per journal id, and the quarantine for files on the data directory's
/// filesystem. Files on other filesystems are quarantined on their own filesystem, so a move is a
/// rename, never a copy.
/// </summary>
public sealed class RollbackStorage(string dataDirectory)
{
    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    /// <summary>Backups of files an action rewrites, and kept package files.</summary>
    public string BackupDirectory(long journalId) =>
        Path.Combine(DataDirectory, "backups", journalId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The quarantine for files on the data directory's own filesystem.</summary>
    public string QuarantineDirectory => Path.Combine(DataDirectory, "quarantine");

    /// <summary>The name of the quarantine directory Anna makes at the root of any other filesystem.</summary>
    public const string ForeignQuarantineName = ".anna-quarantine";
}
