using Anna.Core.Vocabulary;
using Anna.Core.Linux;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Probes;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// Removes packages that were installed as dependencies and are needed by nothing. Low risk: only
/// packages the issue listed and that are still orphans are removed, and the package manager
/// refuses a removal that would take anything else with it.
/// </summary>
public sealed class RemoveOrphansAction(IPackageManager packages) : IHealingAction
{
    public string Name => "remove_orphan_packages";

    public ActionCategory Category => ActionCategory.OrphanRemoval;

    public ActionRisk Risk => ActionRisk.Low;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.OrphanPackages;

    public string Describe(Issue issue)
    {
        var names = PackageEvidence.Names(issue.Evidence);
        var size = issue.Evidence.TryGetValue("bytes", out var b) && long.TryParse(b, out var bytes) ? $", {ByteSize.Format(bytes)}" : "";
        return $"Remove {names.Count} orphaned {(names.Count == 1 ? "package" : "packages")} ({PackageEvidence.JoinNames(names)}{size})";
    }

    public async Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken)
    {
        var (targets, skipped) = await TargetsAsync(issue, cancellationToken);
        if (targets.Count == 0)
            return ActionResult.Ok("would do nothing: none of the listed packages is still an orphan");
        var change = await packages.RemoveAsync(targets, dryRun: true, cancellationToken);
        return PackageChangeReport.ToResult($"would remove {targets.Count} packages{Skipped(skipped)}", change);
    }

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        var (targets, skipped) = await TargetsAsync(issue, cancellationToken);
        if (targets.Count == 0)
            return ActionResult.Fail("nothing changed: none of the listed packages is still an orphan");
        // Every package the removal takes is kept (its file) and recorded, as a dependency, before it goes.
        return await PackagePipeline.RunAsync(packages, new PackageChangeRun("the removal", MinimumFreeBytes: 0, RemovedAreDependencies: true,
            (dryRun, ct) => packages.RemoveAsync(targets, dryRun, ct),
            async (change, ct) =>
            {
                var remaining = (await packages.ListOrphansAsync(ct)).Select(o => o.Name).Intersect(targets).ToList();
                return change.Succeeded && remaining.Count > 0
                    ? ActionResult.Fail(PackageChangeReport.Format($"still orphaned after removal: {PackageEvidence.JoinNames(remaining)}", change))
                    : PackageChangeReport.ToResult($"removed {targets.Count} orphaned packages{Skipped(skipped)}", change);
            }), scope, cancellationToken);
    }

    /// <summary>The issue's packages that are orphans now (all current orphans when the issue lists none), and those that no longer are.</summary>
    private async Task<(IReadOnlyList<PackageName> Targets, IReadOnlyList<PackageName> Skipped)> TargetsAsync(Issue issue, CancellationToken cancellationToken)
    {
        var current = (await packages.ListOrphansAsync(cancellationToken)).Select(o => o.Name).ToList();
        var listed = PackageEvidence.Names(issue.Evidence);
        if (listed.Count == 0)
            return (current, []);
        return (listed.Intersect(current).ToList(), listed.Except(current).ToList());
    }

    private static string Skipped(IReadOnlyList<PackageName> skipped) =>
        skipped.Count == 0 ? "" : $" (no longer orphans, left alone: {PackageEvidence.JoinNames(skipped)})";
}
