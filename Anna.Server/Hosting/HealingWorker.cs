using Anna.Core.Engine;
using Anna.Core.Linux.Systemd;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Anna.Server.Hosting;

/// <summary>
/// Drives the engine: reacts to systemd signals within milliseconds, runs the full scan on the
/// configured interval (the safety net), and rescans after every (re)connect to the bus.
/// One bad cycle is logged and the loops go on; only cancellation ends them.
/// </summary>
public sealed class HealingWorker(
    ISystemdManager systemd,
    HealingEngine engine,
    UnitSignals signals,
    ProbeScheduler scheduler,
    JournalRecovery recovery,
    IHealingConfig config,
    WatchStatus watching,
    EngineLiveness liveness,
    IOptions<WatchdogOptions> watchdog,
    TimeProvider time,
    ILogger<HealingWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _rescanRequested = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        systemd.Connected += RequestRescan;
        if (watchdog.Value.HangOnUnit is { Length: > 0 } hang)
            logger.LogCritical("{Section}:HangOnUnit is set: the healing loop hangs on the next state change of {Unit} (crash tests only)", WatchdogOptions.Section, hang);
        try
        {
            await systemd.StartAsync(stoppingToken);
            ReportWatchState();
            // Before the first session: an action cut off by the last stop is finished first.
            var recovered = await recovery.RecoverAsync(stoppingToken);
            // A cut-off heal that left its unit down is healed again, not lost.
            await CutOffHeals.ReopenAsync(recovered, systemd, engine, time, stoppingToken);
            await Task.WhenAll(
                WatchSignalsAsync(stoppingToken),
                ScanLoopAsync(stoppingToken),
                WatchStateLoopAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            systemd.Connected -= RequestRescan;
            await engine.WhenIdleAsync();
        }
    }

    private void RequestRescan() => _rescanRequested.Release();

    private async Task WatchSignalsAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in systemd.WatchAsync(stoppingToken))
        {
            try
            {
                using var pass = liveness.Busy($"the state change of {change.Name}");
                if (watchdog.Value.HangOnUnit is { Length: > 0 } hang && change.Name.Value == hang)
                    await Task.Delay(Timeout.Infinite, stoppingToken); // crash tests only: a deadlocked engine
                await signals.HandleAsync(change, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not handle the state change of {Unit}", change.Name);
            }
        }
    }

    private async Task ScanLoopAsync(CancellationToken stoppingToken)
    {
        var all = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                using var pass = liveness.Busy("a scan");
                wait = await scheduler.RunDueAsync(all, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A scan pass failed");
                wait = TimeSpan.FromSeconds(Math.Max(1, config.Current.ScanIntervalSeconds));
            }
            all = await WaitForNextScanAsync(wait, stoppingToken);
        }
    }

    /// <summary>
    /// Sleeps until the next probe is due or a reconnect asks for a rescan, whichever comes first;
    /// true when it was a rescan (then every probe runs).
    /// </summary>
    private async Task<bool> WaitForNextScanAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(wait, time, wake.Token);
        var rescan = _rescanRequested.WaitAsync(wake.Token);
        var first = await Task.WhenAny(timer, rescan);
        await wake.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return first == rescan;
    }

    /// <summary>Keeps the "what Anna watches" line honest while the bus comes and goes.</summary>
    private async Task WatchStateLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            ReportWatchState();
    }

    private void ReportWatchState()
    {
        var status = systemd.State switch
        {
            SystemdConnectionState.Connected => "connected",
            SystemdConnectionState.Connecting => "connecting",
            SystemdConnectionState.Disconnected => $"reconnecting: {systemd.StateReason}",
            _ => $"cannot watch systemd: {systemd.StateReason}",
        };
        watching.Set("systemd", status);
    }
}
