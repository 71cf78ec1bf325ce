using Anna.Core.Vocabulary;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// Updates every upgradable package except the kernel. Medium risk: new versions can change
/// behaviour, so a person approves it under the default policy.
/// </summary>
public sealed class UpdatePackagesAction(IPackageManager packages, long minimumFreeBytes = PackagePreflight.DefaultMinimumFreeBytes) : IHealingAction
{
    public string Name => "update_packages";

    public ActionCategory Category => ActionCategory.PackageUpdate;

    public ActionRisk Risk => ActionRisk.Medium;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.OutdatedPackages;

    public string Describe(Issue issue) =>
        issue.Evidence.TryGetValue("count", out var count) ? $"Update {count} {(count == "1" ? "package" : "packages")} (kernel excluded)" : "Update packages (kernel excluded)";

    public async Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken)
    {
        var change = await packages.UpgradeAllExceptKernelAsync(dryRun: true, cancellationToken);
        return PackageChangeReport.ToResult($"would update {change.Packages.Count} packages", change);
    }

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        var pending = (await packages.ListUpgradableAsync(cancellationToken)).Where(u => !u.IsKernel).ToList();
        if (pending.Count == 0)
            return ActionResult.Fail("nothing changed: no package has an update any more");
        return await PackagePipeline.RunAsync(packages, new PackageChangeRun("the update", minimumFreeBytes, RemovedAreDependencies: false,
            packages.UpgradeAllExceptKernelAsync,
            async (change, ct) =>
            {
                var still = (await packages.ListUpgradableAsync(ct))
                    .Where(u => !u.IsKernel && pending.Any(p => p.Name == u.Name)).Select(u => u.Name.Value).ToList();
                return change.Succeeded && still.Count > 0
                    ? ActionResult.Fail(PackageChangeReport.Format($"still outdated after the update: {string.Join(", ", still)}", change))
                    : PackageChangeReport.ToResult($"updated {change.Packages.Count} packages", change);
            }), scope, cancellationToken);
    }
}
