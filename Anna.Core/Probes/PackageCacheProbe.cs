using Anna.Core.Linux;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;

namespace Anna.Core.Probes;

/// <summary>Raises a <see cref="IssueKind.PackageCache"/> issue when the package cache holds at least the threshold in reclaimable files.</summary>
public sealed class PackageCacheProbe(IPackageManager packages, TimeProvider time, long thresholdBytes = PackageCacheProbe.DefaultThresholdBytes) : IProbe
{
    public const long DefaultThresholdBytes = 500L * 1024 * 1024;

    public string Name => "package_cache";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.PackageCache];

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        var usage = await PackageProbeGuard.RunAsync(packages, () => packages.CacheUsageAsync(cancellationToken));
        if (usage.ReclaimableBytes < thresholdBytes || usage.ReclaimableBytes == 0)
            return [];
        var now = time.GetUtcNow();
        var evidence = new Dictionary<string, string>
        {
            ["cache_dir"] = usage.Directory,
            ["total_bytes"] = usage.TotalBytes.ToString(CultureInfo.InvariantCulture),
            ["reclaimable_bytes"] = usage.ReclaimableBytes.ToString(CultureInfo.InvariantCulture),
            ["file_count"] = usage.ReclaimableFiles.Count.ToString(CultureInfo.InvariantCulture),
            ["threshold_bytes"] = thresholdBytes.ToString(CultureInfo.InvariantCulture),
        };
        return
        [
            new Issue(IssueKind.PackageCache, usage.Directory, IssueSeverity.Warning,
                $"{packages.Name} cache {usage.Directory} holds {ByteSize.Format(usage.ReclaimableBytes)} that can be freed ({usage.ReclaimableFiles.Count} files)",
                evidence, now, now),
        ];
    }
}
