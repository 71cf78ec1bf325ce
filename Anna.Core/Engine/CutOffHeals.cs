using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Probes;
using Anna.Core.Rollback;

namespace Anna.Core.Engine;

/// <summary>
/// After start-up recovery: a restart that Anna's stop cut off and recovery rolled back may have
/// left its unit down but no longer "failed" (the heal clears the failed state before it starts the
/// unit), and then no probe would ever see it again — the heal would be lost. Each such unit is
/// raised again as a failed-service issue, so the normal way (policy, approvals, breaker) decides.
/// </summary>
public static class CutOffHeals
{
    public static async Task<int> ReopenAsync(IReadOnlyList<RecoveredAction> recovered, ISystemdManager systemd, HealingEngine engine, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var reopened = 0;
        foreach (var action in recovered.Where(a => a.IssueKind == IssueKind.FailedService && a.Outcome == Vocabulary.ActionOutcome.RolledBack))
        {
            if (!UnitName.TryParse(action.Subject, out var name, out _))
                continue;
            var unit = await systemd.GetUnitAsync(name, cancellationToken).ConfigureAwait(false);
            // Running, starting, or failed (which the probe sees by itself): nothing is lost.
            if (unit.IsActive || unit.IsFailed || unit.ActiveState is "activating" or "reloading" || unit.LoadState != "loaded")
                continue;
            var now = time.GetUtcNow();
            // The probe's own issue for the unit, as if it had seen it fail, saying why it is raised again.
            var seen = FailedServicesProbe.ToIssue(unit, now);
            await engine.ObserveAsync(seen with
            {
                Summary = $"{name} is still down: heal #{action.Id} was cut off when Anna stopped",
                Evidence = new Dictionary<string, string>(seen.Evidence) { ["cut_off_action"] = action.Id.ToString(CultureInfo.InvariantCulture) },
            }, cancellationToken).ConfigureAwait(false);
            reopened++;
        }
        return reopened;
    }
}
