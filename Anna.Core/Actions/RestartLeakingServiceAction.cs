using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Prediction;
using Anna.Core.Risk;
using Anna.Core.Rollback;
using Anna.Core.Vocabulary;

namespace Anna.Core.Actions;

/// <summary>
/// The preventive plan for a service forecast to reach its memory limit: restart it before the
/// kernel kills it there, at the time <see cref="PreventionSchedule"/> gives. Medium risk: unlike a
/// failed unit, this one is serving, and a restart ends its connections — so under supervised
/// policy a person approves it, and it never runs outside a maintenance window on its own. Units
/// remote access depends on are left to a person.
/// </summary>
public sealed class RestartLeakingServiceAction(ServiceRestarter restarter) : IHealingAction
{
    public string Name => "restart_leaking_service";

    public ActionCategory Category => ActionCategory.ServiceRestart;

    public ActionRisk Risk => ActionRisk.Medium;

    public bool CanHeal(Issue issue) =>
        issue.Kind == IssueKind.PredictedMemoryExhaustion
        && issue.Subject.EndsWith(".service", StringComparison.Ordinal)
        && UnitName.TryParse(issue.Subject, out var unit, out _)
        && !CriticalUnits.Contains(unit);

    public string Describe(Issue issue) => $"Restart {issue.Subject} before it reaches its memory limit";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        restarter.DryRunRunningAsync(UnitName.Parse(issue.Subject), cancellationToken);

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) =>
        restarter.RestartRunningAsync(UnitName.Parse(issue.Subject), scope, cancellationToken);
}
