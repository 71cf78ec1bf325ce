using Anna.Core.Vocabulary;
using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// Restarts a failed service that the machine's own access or plumbing depends on (ssh, D-Bus,
/// the journal, networking). Medium risk: a restart that goes wrong can cut off the person who
/// would fix it, so under supervised policy a person approves it first.
/// </summary>
public sealed class RestartCriticalServiceAction(ServiceRestarter restarter) : IHealingAction
{
    public string Name => "restart_critical_service";

    public ActionCategory Category => ActionCategory.ServiceRestart;

    public ActionRisk Risk => ActionRisk.Medium;

    public bool CanHeal(Issue issue) =>
        issue.Kind == IssueKind.FailedService
        && UnitName.TryParse(issue.Subject, out var unit, out _)
        && CriticalUnits.Contains(unit);

    public string Describe(Issue issue) => $"Restart {issue.Subject} (remote access or core services depend on it)";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        restarter.DryRunAsync(UnitName.Parse(issue.Subject), cancellationToken);

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) =>
        restarter.ExecuteAsync(UnitName.Parse(issue.Subject), scope, cancellationToken);
}
