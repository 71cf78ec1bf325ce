using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
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
            var evidence = new Dictionary<string, string>
            {
                ["active_state"] = unit.ActiveState,
                ["sub_state"] = unit.SubState,
                ["result"] = unit.Result,
                ["restart"] = unit.Restart,
                ["n_restarts"] = unit.NRestarts.ToString(CultureInfo.InvariantCulture),
                ["exit_status"] = unit.ExecMainStatus.ToString(CultureInfo.InvariantCulture),
                ["cut_off_action"] = action.Id.ToString(CultureInfo.InvariantCulture),
            };
            await engine.ObserveAsync(new Issue(IssueKind.FailedService, name.Value, IssueSeverity.Warning,
                $"{name} is still down: heal #{action.Id} was cut off when Anna stopped", evidence, now, now), cancellationToken).ConfigureAwait(false);
            reopened++;
        }
        return reopened;
    }
}
