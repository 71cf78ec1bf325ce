namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// Rules for paths Anna acts on as root. A path is taken only in its plain form — absolute,
/// normalized, no "." or ".." segments — so what was checked is exactly what gets opened.
/// </summary>
public static class SafePath
{
    /// <summary>Why <paramref name="path"/> is not a plain absolute path; null when it is one.</summary>
    public static string? Problem(string path)
    {
        if (string.IsNullOrEmpty(path))
            return "the path is empty";
        if (path.Contains('\0', StringComparison.Ordinal))
            return "the path contains a NUL character";
        if (!path.StartsWith('/'))
            return $"\"{path}\" is not absolute; write it starting with /";
        if (path == "/")
            return null;
        if (path.EndsWith('/'))
            return $"\"{path}\" ends with /; write it without the trailing slash";
        foreach (var segment in path[1..].Split('/'))
        {
            if (segment.Length == 0)
                return $"\"{path}\" contains an empty segment (//)";
            if (segment is "..")
                return $"\"{path}\" contains \"..\"";
            if (segment is ".")
                return $"\"{path}\" contains \".\"";
        }
        return null;
    }

    /// <summary>Why <paramref name="path"/> may not be a log root; null when it may.</summary>
    public static string? LogRootProblem(string path) =>
        Problem(path) ?? (path == "/" ? "\"/\" is the whole machine, not a log directory" : null);

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it (textually; both plain).</summary>
    public static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>
    /// Why <paramref name="path"/> may not be touched as a file under one of <paramref name="roots"/>:
    /// it must be plain, inside a root, and no component from the root down may be a symlink, so a
    /// link planted in a log directory cannot steer root's hand elsewhere.
    /// </summary>
    public static string? FileUnderRootsProblem(string path, IEnumerable<string> roots)
    {
        if (Problem(path) is { } problem)
            return problem;
        var root = roots.Where(r => LogRootProblem(r) is null && IsUnder(path, r) && path != r)
            .OrderByDescending(r => r.Length).FirstOrDefault();
        if (root is null)
            return $"{path} is not under a configured log path ({string.Join(", ", roots)})";
        // The root itself may be reached through links (e.g. /var -> /srv/var): the admin chose it.
        // Below it, every step must be a real directory and the last one a regular file.
        var current = root;
        var segments = path[(root.Length + 1)..].Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            current = current + "/" + segments[i];
            var stat = UnixStat.TryGet(current);
            if (stat is null)
                return $"{current} does not exist";
            if (stat.Type == UnixFileType.Symlink)
                return $"{current} is a symbolic link; Anna does not follow links under a log path";
            var last = i == segments.Length - 1;
            if (!last && stat.Type != UnixFileType.Directory)
                return $"{current} is not a directory";
            if (last && stat.Type != UnixFileType.Regular)
                return $"{path} is not a regular file";
        }
        return null;
    }
}
