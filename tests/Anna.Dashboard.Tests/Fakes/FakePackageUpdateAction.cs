using Anna.Core.Vocabulary;
using Anna.Core.Rollback;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>A medium-risk fix for outdated_packages, so supervised policy queues it; counts its runs.</summary>
public sealed class FakePackageUpdateAction : IHealingAction
{
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public string Name => "update_packages";

    public ActionCategory Category => ActionCategory.PackageUpdate;

    public ActionRisk Risk => ActionRisk.Medium;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.OutdatedPackages;

    public string Describe(Issue issue) => $"Update packages on {issue.Subject}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Ok("would upgrade openssl 3.0.13 → 3.0.15"));

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult(ActionResult.Ok("1 package upgraded"));
    }
}
