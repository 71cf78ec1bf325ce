using Anna.Core.Engine;
using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Sessions;

namespace Anna.Server.Hosting;

/// <summary>
/// Drives the engine: reacts to systemd signals within milliseconds, runs the full scan on the
/// configured interval (the safety net), and rescans after every (re)connect to the bus.
/// One bad cycle is logged and the loops go on; only cancellation ends them.
/// </summary>
public sealed class HealingWorker(
    ISystemdManager systemd,
    HealingEngine engine,
    IEnumerable<IProbe> probes,
    IHealingConfig config,
    WatchStatus watching,
    TimeProvider time,
    ILogger<HealingWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _rescanRequested = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        systemd.Connected += RequestRescan;
        try
        {
            await systemd.StartAsync(stoppingToken);
            ReportWatchState();
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
                await OnUnitChangedAsync(change, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not handle the state change of {Unit}", change.Name);
            }
        }
    }

    private async Task OnUnitChangedAsync(UnitChange change, CancellationToken stoppingToken)
    {
        var key = $"{IssueKind.FailedService}:{change.Name}";
        if (change.ActiveState == "failed")
        {
            var unit = await systemd.GetUnitAsync(change.Name, stoppingToken);
            if (unit.IsFailed)
                await engine.ObserveAsync(FailedServicesProbe.ToIssue(unit, time.GetUtcNow()), stoppingToken);
        }
        else if (change.ActiveState == "active")
        {
            await engine.ResolveAsync(key, "unit is active again", stoppingToken);
        }
    }

    private async Task ScanLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await ScanOnceAsync(stoppingToken);
            await WaitForNextScanAsync(stoppingToken);
        }
    }

    /// <summary>Sleeps until the scan interval passes or a reconnect asks for a rescan, whichever comes first.</summary>
    private async Task WaitForNextScanAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, config.Current.ScanIntervalSeconds));
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var timer = Task.Delay(interval, time, wake.Token);
        var rescan = _rescanRequested.WaitAsync(wake.Token);
        await Task.WhenAny(timer, rescan);
        await wake.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task ScanOnceAsync(CancellationToken stoppingToken)
    {
        HealingSession session;
        try
        {
            session = await engine.BeginSessionAsync(SessionTrigger.Scan, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not start a scan session");
            return;
        }
        try
        {
            await ScanProbesAsync(session, stoppingToken);
        }
        finally
        {
            engine.EndSession(session);
        }
    }

    private async Task ScanProbesAsync(HealingSession session, CancellationToken stoppingToken)
    {
        foreach (var probe in probes)
        {
            try
            {
                var found = await probe.ScanAsync(stoppingToken);
                await engine.ApplyScanAsync(probe, found, session, stoppingToken);
                watching.Set(probe.Name, $"ok, {found.Count} issue(s) at {time.GetUtcNow():HH:mm:ss}");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Probe {Probe} failed: {Message}", probe.Name, ex.Message);
                watching.Set(probe.Name, $"not scanned: {ex.Message}");
            }
        }
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
