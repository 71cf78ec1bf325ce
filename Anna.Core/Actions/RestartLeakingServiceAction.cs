using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Prediction;
using Anna.Core.Risk;
using Anna.Core.Rollback;
using Anna.Core.Vocabulary;

namespace Anna.Core.Actions;

/// <summary>
/// The preventive plan for a service forecast to reach its memory limit, or — having none — to run the
/// machine short of memory (the forecast names it, <see cref="Probes.ForecastProbe.LeakingUnit"/>): restart it
/// before the kernel kills it, or something else, at the time <see cref="PreventionSchedule"/> gives.
/// Medium risk: unlike a failed unit, this one is serving, and a restart ends its connections — so under
/// supervised policy a person approves it, and it never runs outside a maintenance window on its own.
/// Units remote access depends on are left to a person.
/// </summary>
public sealed class RestartLeakingServiceAction(ServiceRestarter restarter) : IHealingAction
{
    public string Name => "restart_leaking_service";

    public ActionCategory Category => ActionCategory.ServiceRestart;

    public ActionRisk Risk => ActionRisk.Medium;

    public bool CanHeal(Issue issue) => Leaking(issue) is { } unit && !CriticalUnits.Contains(unit);

    public string Describe(Issue issue) => Leaking(issue) is { } unit && unit.Value != issue.Subject
        ? $"Restart {unit}, which grows without a memory limit, before memory runs short"
        : $"Restart {issue.Subject} before it reaches its memory limit";

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        Leaking(issue) is { } unit
            ? restarter.DryRunRunningAsync(unit, cancellationToken)
            : Task.FromResult(ActionResult.Fail($"{Name}: no service to restart for {issue.Key}"));

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) =>
        Leaking(issue) is { } unit
            ? restarter.RestartRunningAsync(unit, scope, cancellationToken)
            : Task.FromResult(ActionResult.Fail($"nothing changed: no service to restart for {issue.Key}"));

    /// <summary>The service the forecast is about: its subject, or the unit the machine's memory forecast names.</summary>
    private static UnitName? Leaking(Issue issue)
    {
        if (issue.Kind != IssueKind.PredictedMemoryExhaustion)
            return null;
        var name = issue.Subject.EndsWith(".service", StringComparison.Ordinal)
            ? issue.Subject
            : issue.Evidence.GetValueOrDefault(Probes.ForecastProbe.LeakingUnit);
        return name is not null && name.EndsWith(".service", StringComparison.Ordinal) && UnitName.TryParse(name, out var unit, out _) ? unit : null;
    }
}
