using Anna.Core.Vocabulary;
using Anna.Core.Rollback;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>Stands in for restarting a unit: heals failed_service issues with a fixed result.</summary>
public sealed class FakeRestartAction(ActionResult result) : IHealingAction
{
    public string Name => "restart_service";

    public ActionCategory Category => ActionCategory.ServiceRestart;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.FailedService;

    public string Describe(Issue issue) => $"Restart {issue.Subject}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Ok($"would restart {issue.Subject}"));

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) => Task.FromResult(result);
}
