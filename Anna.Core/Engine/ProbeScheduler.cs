using System.Diagnostics;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Engine;

/// <summary>
/// Runs each probe on its own interval (or the policy's scan_interval) with its own timeout, all
/// due probes of a pass in one scan session. A probe that fails or cannot look at this machine
/// is reported in "what Anna watches" and the others go on; its open issues are left as they are.
/// </summary>
public sealed class ProbeScheduler(
    IEnumerable<IProbe> probes,
    HealingEngine engine,
    IHealingConfig config,
    WatchStatus watching,
    TimeProvider time,
    ILogger<ProbeScheduler> logger)
{
    private readonly IReadOnlyList<IProbe> _probes = probes.ToList();
    private readonly Dictionary<IProbe, DateTimeOffset> _lastRun = [];

    public IReadOnlyList<IProbe> Probes => _probes;

    /// <summary>Runs the probes that are due (all of them when <paramref name="all"/>); returns how long until the next one is due.</summary>
    public async Task<TimeSpan> RunDueAsync(bool all, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = _probes.Where(p => all || !_lastRun.TryGetValue(p, out var last) || now - last >= IntervalOf(p)).ToList();
        if (due.Count > 0)
            await RunAsync(due, cancellationToken);
        var after = time.GetUtcNow();
        var next = _probes.Select(p => _lastRun.GetValueOrDefault(p, after) + IntervalOf(p) - after).DefaultIfEmpty(IntervalOf(null)).Min();
        return next < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : next;
    }

    /// <summary>Scans one probe within its timeout and applies the result; returns how long the scan took.</summary>
    public async Task<TimeSpan> ScanAsync(IProbe probe, HealingSession session, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(probe.Timeout);
        try
        {
            var found = await probe.ScanAsync(deadline.Token);
            await engine.ApplyScanAsync(probe, found, session, cancellationToken);
            watching.Set(probe.Name, $"ok, {found.Count} issue(s) at {time.GetUtcNow():HH:mm:ss}");
        }
        catch (ProbeUnavailableException ex)
        {
            watching.Set(probe.Name, $"unsupported: {ex.Reason}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Probe {Probe} did not finish within {Timeout}", probe.Name, probe.Timeout);
            watching.Set(probe.Name, $"not scanned: took longer than {probe.Timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Probe {Probe} failed: {Message}", probe.Name, ex.Message);
            watching.Set(probe.Name, $"not scanned: {ex.Message}");
        }
        return clock.Elapsed;
    }

    private async Task RunAsync(IReadOnlyList<IProbe> due, CancellationToken cancellationToken)
    {
        var session = await engine.BeginSessionAsync(SessionTrigger.Scan, cancellationToken);
        try
        {
            foreach (var probe in due)
            {
                await ScanAsync(probe, session, cancellationToken);
                _lastRun[probe] = time.GetUtcNow();
            }
        }
        finally
        {
            engine.EndSession(session);
        }
    }

    private TimeSpan IntervalOf(IProbe? probe) =>
        probe?.Interval ?? TimeSpan.FromSeconds(Math.Max(1, config.Current.ScanIntervalSeconds));
}
