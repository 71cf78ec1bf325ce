using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>
/// What is in pacman's package cache, and which files a cleanup removes: for each package and
/// architecture, every version but the newest <c>keep</c> (paccache's <c>-rk</c> rule), together
/// with their detached signatures.
/// </summary>
public static class PacmanCache
{
    public static CacheUsage Scan(string directory, int keepVersions)
    {
        var (total, reclaimable) = Inspect(directory, keepVersions);
        return new CacheUsage(directory, total, reclaimable.Sum(f => f.Bytes), reclaimable.Select(f => f.Path).ToList());
    }

    /// <summary>Exactly the files a cleanup removes, with their sizes; regular files only (never a symlink).</summary>
    public static IReadOnlyList<CacheFile> Cleanable(string directory, int keepVersions) => Inspect(directory, keepVersions).Reclaimable;

    private static (long Total, IReadOnlyList<CacheFile> Reclaimable) Inspect(string directory, int keepVersions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepVersions);
        if (!Directory.Exists(directory))
            return (0, []);

        var total = 0L;
        var packages = new List<PacmanCacheFile>();
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            total += file.Length;
            if (PacmanCacheFile.TryParseFileName(file.Name, out var name, out var version, out var arch))
                packages.Add(new PacmanCacheFile(file.FullName, name, version, arch, file.Length));
        }

        var reclaimable = new List<CacheFile>();
        foreach (var group in packages.GroupBy(p => (p.Name, p.Arch)))
        {
            // Newest first; the same version compressed two ways counts as one version.
            var versions = group.Select(p => p.Version).Distinct()
                .OrderByDescending(v => v, PacmanVersion.Comparer).ToList();
            var kept = versions.Take(keepVersions).ToHashSet();
            foreach (var old in group.Where(p => !kept.Contains(p.Version)).OrderBy(p => p.Path, StringComparer.Ordinal))
            {
                if (Regular(old.Path) is { } package)
                    reclaimable.Add(package);
                if (Regular(old.Path + ".sig") is { } signature)
                    reclaimable.Add(signature);
            }
        }
        return (total, reclaimable);
    }

    private static CacheFile? Regular(string path) =>
        UnixStat.TryGet(path) is { Type: UnixFileType.Regular } stat ? new CacheFile(path, stat.Size) : null;
}
