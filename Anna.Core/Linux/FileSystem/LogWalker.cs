namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// Walks a log directory without following symlinks, without leaving the filesystem it starts on,
/// and looking at no more than a fixed number of entries, so a scan stays cheap and cannot be led
/// anywhere by a link or a mount someone placed under a log path.
/// </summary>
public static class LogWalker
{
    public const int DefaultMaxEntries = 10_000;

    private static readonly string[] CompressedSuffixes = [".gz", ".xz", ".bz2", ".zst", ".lz4", ".lzma", ".z", ".zip"];

    // Binary files that live among logs but are databases, not logs: journald's own files (it
    // rotates them itself), login records (sparse; truncating them erases who logged in).
    private static readonly string[] NotLogs = ["lastlog", "faillog", "wtmp", "btmp", "utmp"];

    public static bool IsCompressed(string path) =>
        CompressedSuffixes.Any(s => path.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for files that are never rotated or reported: journal files and login databases.</summary>
    public static bool IsManagedElsewhere(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".journal", StringComparison.Ordinal)
            || name.EndsWith(".journal~", StringComparison.Ordinal)
            || NotLogs.Contains(name, StringComparer.Ordinal);
    }

    /// <param name="budget">Entries still allowed in this scan; decreased by what this walk looks at.</param>
    public static LogScan Walk(string root, long maxFileBytes, DateTimeOffset olderThan, ref int budget)
    {
        var oversized = new List<LogFile>();
        var old = new List<LogFile>();
        if (SafePath.LogRootProblem(root) is { } problem)
            return new LogScan(root, [], [], 0, false, problem);
        // The root is resolved once: the admin named it, so a root that is itself a link (/var/log
        // -> /data/log) is followed, but nothing below it is.
        var rootStat = UnixStat.TryGet(root);
        if (rootStat is { Type: UnixFileType.Symlink })
            rootStat = Directory.ResolveLinkTarget(root, returnFinalTarget: true) is { } target ? UnixStat.TryGet(target.FullName) : null;
        if (rootStat is null)
            return new LogScan(root, [], [], 0, false, $"{root} does not exist");
        if (rootStat.Type != UnixFileType.Directory)
            return new LogScan(root, [], [], 0, false, $"{root} is not a directory");

        var seen = 0;
        var truncated = false;
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0 && !truncated)
        {
            var directory = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var entry in SafeEnumerate(entries))
            {
                if (budget <= 0)
                {
                    truncated = true;
                    break;
                }
                budget--;
                seen++;
                var stat = TryStat(entry);
                if (stat is null || stat.Device != rootStat.Device)
                    continue; // gone, or another filesystem mounted below the root
                if (stat.Type == UnixFileType.Directory)
                    pending.Push(entry);
                if (stat.Type != UnixFileType.Regular || IsManagedElsewhere(entry))
                    continue;
                var file = new LogFile(entry, stat.Size, Math.Min(stat.Size, stat.AllocatedBytes), stat.ModifiedAt, stat.Device, stat.Inode);
                if (file.Size > maxFileBytes && !IsCompressed(entry))
                    oversized.Add(file);
                else if (file.ModifiedAt < olderThan)
                    old.Add(file);
            }
        }
        return new LogScan(root, oversized, old, seen, truncated, null);
    }

    private static UnixStat? TryStat(string path)
    {
        try
        {
            return UnixStat.TryGet(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A directory that vanishes or turns unreadable mid-walk ends its listing, not the scan.</summary>
    private static IEnumerable<string> SafeEnumerate(IEnumerable<string> entries)
    {
        using var enumerator = entries.GetEnumerator();
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext())
                    yield break;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                yield break;
            }
            yield return enumerator.Current;
        }
    }
}
