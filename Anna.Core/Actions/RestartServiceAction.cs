using Anna.Core.Vocabulary;
using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>Restarts a failed service. Safe: a failed unit serves nobody, and the restart is verified.</summary>
public sealed class RestartServiceAction(ServiceRestarter restarter) : IHealingAction
{
    public string Name => "restart_service";

    public ActionCategory Category => ActionCategory.ServiceRestart;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) =>
        issue.Kind == IssueKind.FailedService
        && UnitName.TryParse(issue.Subject, out var unit, out _)
        && !CriticalUnits.Contains(unit);

    public string Describe(Issue issue) => $"Restart {issue.Subject}";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        restarter.DryRunAsync(UnitName.Parse(issue.Subject), cancellationToken);

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) =>
        restarter.ExecuteAsync(UnitName.Parse(issue.Subject), scope, cancellationToken);
}
