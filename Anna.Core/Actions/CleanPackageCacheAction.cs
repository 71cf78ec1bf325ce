using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>Empties the package cache. Safe: everything in it can be downloaded again.</summary>
public sealed class CleanPackageCacheAction(IPackageManager packages) : IHealingAction
{
    public string Name => "clean_package_cache";

    public ActionCategory Category => ActionCategory.CacheCleanup;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.PackageCache;

    public string Describe(Issue issue) =>
        issue.Evidence.TryGetValue("reclaimable_bytes", out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            ? $"Free {ByteSize.Format(bytes)} of package cache in {issue.Subject}"
            : $"Clean the package cache in {issue.Subject}";

    public async Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken)
    {
        var change = await packages.CleanCacheAsync(dryRun: true, cancellationToken);
        return PackageChangeReport.ToResult($"would free {ByteSize.Format(change.BytesFreed)} from the package cache", change);
    }

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        var usage = await packages.CacheUsageAsync(cancellationToken);
        if (usage.ReclaimableBytes == 0)
            return ActionResult.Fail($"nothing changed: the package cache in {usage.Directory} is already empty");
        if (await PackagePreflight.BlockerAsync(packages, minimumFreeBytes: 0, cancellationToken) is { } blocker)
            return ActionResult.Fail($"nothing changed: {blocker}");
        var change = await packages.CleanCacheAsync(dryRun: false, cancellationToken);
        var left = await packages.CacheUsageAsync(cancellationToken);
        if (change.Succeeded && left.ReclaimableBytes > 0)
            return ActionResult.Fail(PackageChangeReport.Format($"cleaned, but {ByteSize.Format(left.ReclaimableBytes)} is still in {left.Directory}", change));
        return PackageChangeReport.ToResult($"freed {ByteSize.Format(change.BytesFreed)} from the package cache", change);
    }
}
