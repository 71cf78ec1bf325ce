using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// Paths in file steps are recorded resolved — every symbolic link in the directory part followed
/// when the backup is taken — so a link found on the way at undo time was put there since, maybe
/// to steer root's restore into another directory; undo refuses it.
/// </summary>
internal static class RecordedPath
{
    /// <summary>The path with its directory resolved (realpath); the last component is kept as it is, never followed.</summary>
    public static string Resolve(string path)
    {
        if (SafePath.Problem(path) is { } problem)
            throw new ArgumentException(problem, nameof(path));
        if (path == "/")
            throw new ArgumentException("\"/\" is not a file", nameof(path));
        var directory = UnixLinks.Resolve(Path.GetDirectoryName(path)!);
        return Path.Join(directory, Path.GetFileName(path));
    }

    /// <summary>Why the directories leading to <paramref name="path"/> cannot be trusted now; null when they can.</summary>
    public static string? Problem(string path)
    {
        if (SafePath.Problem(path) is { } problem)
            return problem;
        var segments = path[1..].Split('/');
        var current = "";
        for (var i = 0; i < segments.Length - 1; i++)
        {
            current += "/" + segments[i];
            var stat = UnixStat.TryGet(current);
            if (stat is null)
                return $"{current} no longer exists";
            if (stat.Type == UnixFileType.Symlink)
                return $"{current} is now a symbolic link (it was not when the backup was taken); Anna does not restore through it";
            if (stat.Type != UnixFileType.Directory)
                return $"{current} is no longer a directory";
        }
        return null;
    }
}
