using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Probes;

namespace Anna.Core.Engine;

/// <summary>
/// What a systemd state change means to the engine: a unit that entered "failed" (and still is, when
/// asked) is observed as the same issue the failed-services probe reports; a unit active again resolves
/// it. The one place that turns signals into issues, next to the engine it feeds, so the host only
/// forwards what the bus says.
/// </summary>
public sealed class UnitSignals(ISystemdManager systemd, HealingEngine engine, TimeProvider time)
{
    public async Task HandleAsync(UnitChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        switch (change.ActiveState)
        {
            case "failed":
                // Asked again: by the time the signal is read, systemd's own Restart= may have brought it back.
                var unit = await systemd.GetUnitAsync(change.Name, cancellationToken);
                if (unit.IsFailed)
                    await engine.ObserveAsync(FailedServicesProbe.ToIssue(unit, time.GetUtcNow()), cancellationToken);
                break;
            case "active":
                await engine.ResolveAsync(Issue.KeyOf(IssueKind.FailedService, change.Name.Value), "unit is active again", cancellationToken);
                break;
        }
    }
}
