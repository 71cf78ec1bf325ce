using System.Diagnostics;
using Anna.Core.Linux.Systemd;
using Anna.Core.Policy;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// The hands behind both restart actions: clears a failed unit's failed state (which also resets a
/// hit start limit), starts it, then checks that it stays active with the same main process for
/// the settle period. Leaves alone a unit that systemd's own Restart= is already bringing back.
/// A running unit is restarted only on purpose (<see cref="RestartRunningAsync"/>, the preventive plan
/// for a unit forecast to reach its memory limit).
/// </summary>
public sealed class ServiceRestarter(ISystemdManager systemd, IHealingConfig config, TimeProvider time)
{
    public async Task<ActionResult> DryRunAsync(UnitName name, CancellationToken cancellationToken)
    {
        var unit = await systemd.GetUnitAsync(name, cancellationToken);
        if (LeaveAlone(unit) is { } reason)
            return ActionResult.Ok($"would do nothing: {reason}");
        var reset = unit.IsFailed ? "reset its failed state, then " : "";
        return ActionResult.Ok($"would {reset}start {unit.Name} (now {unit.ActiveState}/{unit.SubState}, result {unit.Result})");
    }

    public async Task<ActionResult> ExecuteAsync(UnitName name, ActionScope scope, CancellationToken cancellationToken)
    {
        var before = await systemd.GetUnitAsync(name, cancellationToken);
        if (LeaveAlone(before) is { } reason)
            return ActionResult.Fail($"not restarted: {reason}");

        // The unit is not running (LeaveAlone said so): undoing the start means stopping it again.
        await scope.RecordAsync(new StopServiceStep(name.Value), cancellationToken);
        if (before.IsFailed)
        {
            await systemd.ResetFailedUnitAsync(name, cancellationToken);
            // From here until the start the unit is neither failed nor running: a stop now must not lose it (CutOffHeals).
            await scope.CheckpointAsync(FaultPoint.HalfDone, cancellationToken);
        }
        var job = await systemd.StartUnitAsync(name, cancellationToken);
        return (await RanAsync(name, job, "start", before.HitStartLimit, cancellationToken)).Result;
    }

    /// <summary>What restarting a running unit would do; changes nothing.</summary>
    public async Task<ActionResult> DryRunRunningAsync(UnitName name, CancellationToken cancellationToken)
    {
        var unit = await systemd.GetUnitAsync(name, cancellationToken);
        return RunningOnly(unit) is { } reason
            ? ActionResult.Ok($"would do nothing: {reason}")
            : ActionResult.Ok($"would restart {unit.Name} (pid {unit.MainPid}{Memory(unit)}), ending its connections for a moment");
    }

    /// <summary>
    /// Restarts a unit that is running (to give back what it leaked), then checks it stays up for
    /// the settle period. Undo makes sure it runs again should the restart leave it stopped.
    /// </summary>
    public async Task<ActionResult> RestartRunningAsync(UnitName name, ActionScope scope, CancellationToken cancellationToken)
    {
        var before = await systemd.GetUnitAsync(name, cancellationToken);
        if (RunningOnly(before) is { } reason)
            return ActionResult.Fail($"not restarted: {reason}");
        await scope.RecordAsync(new RestartServiceStep(name.Value), cancellationToken);
        var job = await systemd.RestartUnitAsync(name, cancellationToken);
        var (settled, started) = await RanAsync(name, job, "restart", wasAtLimit: false, cancellationToken);
        return settled.Succeeded
            ? ActionResult.Ok($"restarted (pid {before.MainPid} → {started!.MainPid}{Memory(before)} before); {settled.Detail}")
            : settled;
    }

    /// <summary>After a start or restart job: it is done, the unit is active, and it stays so for the settle period.</summary>
    private async Task<(ActionResult Result, UnitStatus? Started)> RanAsync(UnitName name, string job, string verb, bool wasAtLimit, CancellationToken cancellationToken)
    {
        if (job != "done")
            return (ActionResult.Fail($"{verb} job ended with '{job}'"), null);
        var started = await systemd.GetUnitAsync(name, cancellationToken);
        if (!started.IsActive)
            return (ActionResult.Fail($"after {verb} the unit is {started.ActiveState}/{started.SubState}"), started);
        return (await VerifySettledAsync(name, started, wasAtLimit, cancellationToken), started);
    }

    private static string? RunningOnly(UnitStatus unit) =>
        unit.LoadState != "loaded" ? $"unit is {unit.LoadState}"
        : !unit.IsActive ? $"unit is not running ({unit.ActiveState}/{unit.SubState})"
        : null;

    private static string Memory(UnitStatus unit) =>
        unit.MemoryCurrent is { } bytes ? $", {Anna.Core.Linux.ByteSize.Format((long)bytes)} in use" : "";

    private async Task<ActionResult> VerifySettledAsync(UnitName name, UnitStatus started, bool wasAtLimit, CancellationToken cancellationToken)
    {
        var settle = TimeSpan.FromSeconds(config.Current.SettleSeconds);
        var clock = Stopwatch.StartNew();
        if (settle > TimeSpan.Zero)
            await Task.Delay(settle, time, cancellationToken);
        var after = await systemd.GetUnitAsync(name, cancellationToken);
        var limit = wasAtLimit ? " (start limit was reset first)" : "";
        if (!after.IsActive)
            return ActionResult.Fail($"started (pid {started.MainPid}) but did not stay up: {after.ActiveState}/{after.SubState}, result {after.Result}");
        if (started.MainPid != 0 && after.MainPid != started.MainPid)
            return ActionResult.Fail($"started (pid {started.MainPid}) but its main process changed to {after.MainPid} within {clock.Elapsed.TotalSeconds:0.#} s");
        return ActionResult.Ok($"started{limit}; main pid {after.MainPid}; stayed active for {settle.TotalSeconds:0.#} s");
    }

    /// <summary>Why Anna must not touch this unit now, or null when it may.</summary>
    private static string? LeaveAlone(UnitStatus unit)
    {
        if (unit.LoadState != "loaded")
            return $"unit is {unit.LoadState}";
        if (unit.SubState == "auto-restart" || unit.ActiveState == "activating")
            return "systemd's own Restart= is bringing it back";
        if (unit.IsActive)
            return "unit is already active";
        return null;
    }
}
