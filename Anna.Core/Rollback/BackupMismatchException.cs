namespace Anna.Core.Rollback;

/// <summary>A backup no longer holds the content recorded for it; restoring it would put back something else.</summary>
public sealed class BackupMismatchException(string backupPath, string expected, string found)
    : IOException($"the backup {backupPath} no longer holds the recorded content (sha256 {ContentHash.Short(expected)}, found {ContentHash.Short(found)}); nothing was restored");
