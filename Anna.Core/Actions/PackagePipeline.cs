using Anna.Core.Linux.Packages;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// The one order every package action changes the machine in: pre-flight (lock, free space), plan
/// (the package manager's dry run says which packages change), record undo (their current files
/// kept, their steps journaled), apply, verify. Nothing changes until the plan passed and the way
/// back is recorded; the undo steps are listed in the result whatever the outcome.
/// </summary>
public static class PackagePipeline
{
    public static async Task<ActionResult> RunAsync(IPackageManager packages, PackageChangeRun run, ActionScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (await PackagePreflight.BlockerAsync(packages, run.MinimumFreeBytes, cancellationToken) is { } blocker)
            return ActionResult.Fail($"nothing changed: {blocker}");
        var plan = await run.Change(true, cancellationToken);
        if (!plan.Succeeded)
            return ActionResult.Fail(PackageChangeReport.Format($"nothing changed: {run.What}'s dry run did not pass", plan));
        var undo = await PackageUndoSteps.RecordAsync(packages, plan.Packages, run.RemovedAreDependencies, scope, cancellationToken);
        var change = await run.Change(false, cancellationToken);
        return undo.AppendTo(await run.Verify(change, cancellationToken), change);
    }
}
