using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// What apt keeps in its archives directory: downloaded *.deb files and half-finished downloads in
/// partial/. <c>apt-get clean</c> removes every file in both but the lock, so all of those are
/// reclaimable. Only regular files are counted: a symlink or a directory someone put there is
/// neither apt's download nor ours to move.
/// </summary>
public static class DebCache
{
    /// <summary>The file apt locks the cache with; a clean leaves it.</summary>
    public const string LockFileName = "lock";

    public static CacheUsage Measure(string archivesDirectory)
    {
        var files = Cleanable(archivesDirectory);
        var total = files.Sum(f => f.Bytes);
        return new CacheUsage(archivesDirectory, total, total, files.Select(f => f.Path).ToList());
    }

    /// <summary>Exactly the files <c>apt-get clean</c> removes, ordered by path.</summary>
    public static IReadOnlyList<CacheFile> Cleanable(string archivesDirectory)
    {
        var files = new List<CacheFile>();
        if (Directory.Exists(archivesDirectory))
        {
            files.AddRange(Files(archivesDirectory));
            var partial = Path.Combine(archivesDirectory, "partial");
            if (UnixStat.TryGet(partial) is { Type: UnixFileType.Directory })
                files.AddRange(Files(partial));
        }
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<CacheFile> Files(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var path in Directory.EnumerateFiles(Path.GetFullPath(directory), "*", options))
        {
            if (Path.GetFileName(path) == LockFileName)
                continue;
            if (UnixStat.TryGet(path) is { Type: UnixFileType.Regular } stat)
                yield return new CacheFile(path, stat.Size);
        }
    }
}
