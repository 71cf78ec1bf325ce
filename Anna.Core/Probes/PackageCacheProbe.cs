using Anna.Core.Linux;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Policy;

namespace Anna.Core.Probes;

/// <summary>
/// Raises a <see cref="IssueKind.PackageCache"/> issue when the package cache holds at least the
/// threshold in reclaimable files: <c>probes.packages.cache_max_mb</c>, read at every scan, or
/// <paramref name="thresholdBytes"/> when given.
/// </summary>
public sealed class PackageCacheProbe(IPackageManager packages, TimeProvider time, IHealingConfig? config = null, long? thresholdBytes = null) : IProbe
{
    public const long DefaultThresholdBytes = 500L * 1024 * 1024;

    public string Name => "package_cache";

    public IReadOnlyList<string> Kinds { get; } = [IssueKind.PackageCache];

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        var threshold = thresholdBytes ?? (config is null ? DefaultThresholdBytes : (long)config.Current.Probes.Packages.CacheMaxMegabytes << 20);
        var usage = await PackageProbeGuard.RunAsync(packages, () => packages.CacheUsageAsync(cancellationToken));
        if (usage.ReclaimableBytes < threshold || usage.ReclaimableBytes == 0)
            return [];
        var now = time.GetUtcNow();
        var evidence = new Dictionary<string, string>
        {
            ["cache_dir"] = usage.Directory,
            ["total_bytes"] = usage.TotalBytes.ToString(CultureInfo.InvariantCulture),
            ["reclaimable_bytes"] = usage.ReclaimableBytes.ToString(CultureInfo.InvariantCulture),
            ["file_count"] = usage.ReclaimableFiles.Count.ToString(CultureInfo.InvariantCulture),
            ["threshold_bytes"] = threshold.ToString(CultureInfo.InvariantCulture),
        };
        return
        [
            new Issue(IssueKind.PackageCache, usage.Directory, IssueSeverity.Warning,
                $"{packages.Name} cache {usage.Directory} holds {ByteSize.Format(usage.ReclaimableBytes)} that can be freed ({usage.ReclaimableFiles.Count} files)",
                evidence, now, now),
        ];
    }
}
