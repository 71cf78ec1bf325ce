using Anna.Core.Vocabulary;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// Installs the new kernel packages. High risk: a kernel that does not boot takes the machine
/// away. Anna never reboots; the result says whether a reboot is now required.
/// </summary>
public sealed class KernelUpdateAction(IPackageManager packages, long minimumFreeBytes = PackagePreflight.DefaultMinimumFreeBytes) : IHealingAction
{
    public string Name => "update_kernel";

    public ActionCategory Category => ActionCategory.KernelUpdate;

    public ActionRisk Risk => ActionRisk.High;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.KernelUpdate;

    public string Describe(Issue issue) =>
        issue.Evidence.TryGetValue("versions", out var versions) ? $"Update the kernel ({versions}); a reboot is needed afterwards" : "Update the kernel; a reboot is needed afterwards";

    public async Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken)
    {
        var kernel = await KernelUpdatesAsync(cancellationToken);
        if (kernel.Count == 0)
            return ActionResult.Ok("would do nothing: no kernel update is available");
        var change = await packages.UpgradeAsync(kernel, dryRun: true, cancellationToken);
        return PackageChangeReport.ToResult($"would update {kernel.Count} kernel packages; a reboot would be needed", change);
    }

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        var kernel = await KernelUpdatesAsync(cancellationToken);
        if (kernel.Count == 0)
            return ActionResult.Fail("nothing changed: no kernel update is available any more");
        // Undo needs the kernel packages installed now: kept (they are large, but a kernel that does
        // not boot is exactly when a way back matters) and recorded before anything changes.
        return await PackagePipeline.RunAsync(packages, new PackageChangeRun("the kernel update", minimumFreeBytes, RemovedAreDependencies: false,
            (dryRun, ct) => packages.UpgradeAsync(kernel, dryRun, ct),
            async (change, ct) =>
            {
                var reboot = await packages.RebootRequiredAsync(ct);
                return PackageChangeReport.ToResult($"updated {kernel.Count} kernel packages; reboot_required: {(reboot ? "true" : "false")}", change);
            }), scope, cancellationToken);
    }

    private async Task<IReadOnlyList<PackageName>> KernelUpdatesAsync(CancellationToken cancellationToken) =>
        (await packages.ListUpgradableAsync(cancellationToken)).Where(u => u.IsKernel).Select(u => u.Name).ToList();
}
