using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// How the quarantine is laid out: a file keeps its whole path below the action's directory,
/// <c>&lt;root&gt;/&lt;journal id&gt;/var/cache/apt/archives/x.deb</c>, so an admin sees at a glance
/// where each file came from and two files can never collide. The root is the data directory's
/// quarantine, or <c>.anna-quarantine</c> at the root of the file's own filesystem.
/// </summary>
public static class QuarantineLayout
{
    private static readonly string[] RootNames = ["quarantine", RollbackStorage.ForeignQuarantineName];

    public static string PathFor(string root, long journalId, string originalPath) =>
        string.Concat(root, "/", journalId.ToString(System.Globalization.CultureInfo.InvariantCulture), originalPath);

    /// <summary>The action's directory in the quarantine (<c>&lt;root&gt;/&lt;id&gt;</c>), or null when the path does not have the layout.</summary>
    public static string? JournalDirectoryOf(QuarantinedFile file)
    {
        if (SafePath.Problem(file.QuarantinePath) is not null || SafePath.Problem(file.OriginalPath) is not null
            || file.OriginalPath == "/" || !file.QuarantinePath.EndsWith(file.OriginalPath, StringComparison.Ordinal))
            return null;
        var directory = file.QuarantinePath[..^file.OriginalPath.Length];
        var name = Path.GetFileName(directory);
        var root = Path.GetDirectoryName(directory);
        return name.Length > 0 && name.All(char.IsAsciiDigit) && root is not null && RootNames.Contains(Path.GetFileName(root), StringComparer.Ordinal)
            ? directory
            : null;
    }

    /// <summary>The quarantine root a file is kept under, or null when the path does not have the layout.</summary>
    public static string? RootOf(QuarantinedFile file) =>
        JournalDirectoryOf(file) is { } directory ? Path.GetDirectoryName(directory) : null;

    /// <summary>True for a root Anna made on another filesystem (removed again once empty).</summary>
    public static bool IsForeignRoot(string root) => Path.GetFileName(root) == RollbackStorage.ForeignQuarantineName;

    /// <summary>
    /// The mount point <paramref name="path"/> is reached through: the longest mount point above it;
    /// of several mounts on one point the last listed, which is the one on top.
    /// </summary>
    public static string? LongestMountPoint(string path, IReadOnlyList<MountEntry> mounts)
    {
        string? best = null;
        foreach (var mount in mounts)
        {
            if (SafePath.IsUnder(path, mount.MountPoint) && (best is null || mount.MountPoint.Length >= best.Length))
                best = mount.MountPoint;
        }
        return best;
    }

    /// <summary>
    /// The data directory's quarantine when the file is on the same filesystem and the same mount
    /// as the data directory (a rename cannot cross even two mounts of one filesystem), else
    /// <c>.anna-quarantine</c> at the root of the file's mount; null when that is unknown.
    /// </summary>
    public static string? RootFor(RollbackStorage storage, ulong fileDevice, string? fileMount, ulong dataDevice, string? dataMount)
    {
        if (fileDevice == dataDevice && fileMount == dataMount)
            return storage.QuarantineDirectory;
        return fileMount is null ? null : Path.Join(fileMount, RollbackStorage.ForeignQuarantineName);
    }
}
