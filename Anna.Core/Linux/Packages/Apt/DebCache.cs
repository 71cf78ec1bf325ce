namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// What apt keeps in its archives directory: downloaded *.deb files and half-finished downloads in
/// partial/. <c>apt-get clean</c> removes all of them, so all of them are reclaimable.
/// </summary>
public static class DebCache
{
    public static CacheUsage Measure(string archivesDirectory)
    {
        var files = new List<(string Path, long Bytes)>();
        if (Directory.Exists(archivesDirectory))
        {
            files.AddRange(Files(archivesDirectory, "*.deb"));
            var partial = Path.Combine(archivesDirectory, "partial");
            if (Directory.Exists(partial))
                files.AddRange(Files(partial, "*"));
        }
        var total = files.Sum(f => f.Bytes);
        return new CacheUsage(archivesDirectory, total, total, files.Select(f => f.Path).Order(StringComparer.Ordinal).ToList());
    }

    private static IEnumerable<(string Path, long Bytes)> Files(string directory, string pattern) =>
        new DirectoryInfo(directory)
            .EnumerateFiles(pattern, new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => (f.FullName, f.Length));
}
