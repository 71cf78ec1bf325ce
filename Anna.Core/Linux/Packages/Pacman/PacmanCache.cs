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
        ArgumentOutOfRangeException.ThrowIfNegative(keepVersions);
        if (!Directory.Exists(directory))
            return new CacheUsage(directory, 0, 0, []);

        var total = 0L;
        var packages = new List<PacmanCacheFile>();
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
        {
            total += file.Length;
            if (PacmanCacheFile.TryParseFileName(file.Name, out var name, out var version, out var arch))
                packages.Add(new PacmanCacheFile(file.FullName, name, version, arch, file.Length));
        }

        var reclaimable = new List<string>();
        var reclaimableBytes = 0L;
        foreach (var group in packages.GroupBy(p => (p.Name, p.Arch)))
        {
            // Newest first; the same version compressed two ways counts as one version.
            var versions = group.Select(p => p.Version).Distinct()
                .OrderByDescending(v => v, PacmanVersion.Comparer).ToList();
            var kept = versions.Take(keepVersions).ToHashSet();
            foreach (var old in group.Where(p => !kept.Contains(p.Version)).OrderBy(p => p.Path, StringComparer.Ordinal))
            {
                reclaimable.Add(old.Path);
                reclaimableBytes += old.Bytes;
                var signature = new FileInfo(old.Path + ".sig");
                if (signature.Exists)
                {
                    reclaimable.Add(signature.FullName);
                    reclaimableBytes += signature.Length;
                }
            }
        }
        return new CacheUsage(directory, total, reclaimableBytes, reclaimable);
    }
}
