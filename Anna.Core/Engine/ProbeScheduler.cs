using Anna.Core.Linux;
using System.Diagnostics;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Engine;

/// <summary>
/// Runs each probe on its own interval (or the policy's scan_interval) with its own timeout, all
/// due probes of a pass in one scan session. A probe that fails or cannot look at this machine
/// is reported in "what Anna watches" and the others go on; its open issues are left as they are.
/// How often each probe runs follows the machine's health (<see cref="ProbeCadence"/>).
/// </summary>
public sealed class ProbeScheduler(
    IEnumerable<IProbe> probes,
    HealingEngine engine,
    IHealingConfig config,
    WatchStatus watching,
    TimeProvider time,
    ILogger<ProbeScheduler> logger,
    ProbeStatistics? statistics = null)
{
    private readonly IReadOnlyList<IProbe> _probes = probes.ToList();
    private readonly Dictionary<IProbe, DateTimeOffset> _lastRun = [];
    private readonly Dictionary<IProbe, ProbeRun> _lastResult = [];
    // One pass at a time: the worker's schedule and a person's "scan now" share the bookkeeping.
    private readonly SemaphoreSlim _gate = new(1, 1);
    // The last time the machine had an issue at warning or worse; a fresh start is not "long well".
    private DateTimeOffset _lastUnwell = time.GetUtcNow();

    public IReadOnlyList<IProbe> Probes => _probes;

    /// <summary>Runs the probes that are due (all of them when <paramref name="all"/>); returns how long until the next one is due.</summary>
    public async Task<TimeSpan> RunDueAsync(bool all, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            NoteHealth(now);
            var due = _probes.Where(p => all || !_lastRun.TryGetValue(p, out var last) || now - last >= IntervalOf(p)).ToList();
            if (due.Count > 0)
                await RunAsync(due, SessionTrigger.Scan, cancellationToken);
            var after = time.GetUtcNow();
            NoteHealth(after);
            var next = _probes.Select(p => _lastRun.GetValueOrDefault(p, after) + IntervalOf(p) - after).DefaultIfEmpty(IntervalOf(null)).Min();
            return next < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : next;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs every probe now (a person asked); returns each probe's run.</summary>
    public async Task<IReadOnlyList<ProbeRun>> ScanAllNowAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(_probes, SessionTrigger.User, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The last run of every probe that has run.</summary>
    public IReadOnlyList<ProbeRun> LastRuns()
    {
        lock (_lastResult)
            return _probes.Where(_lastResult.ContainsKey).Select(p => _lastResult[p]).ToList();
    }

    /// <summary>Scans one probe within its timeout and applies the result.</summary>
    public async Task<ProbeRun> ScanAsync(IProbe probe, HealingSession session, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        string status;
        var issues = 0;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(probe.Timeout);
        try
        {
            var found = await probe.ScanAsync(deadline.Token);
            var scanned = clock.Elapsed;
            await engine.ApplyScanAsync(probe, found, session, cancellationToken);
            issues = found.Count;
            status = $"ok, {found.Count} issue(s) at {time.GetUtcNow():HH:mm:ss}";
            return Finish(probe, startedAt, scanned, status, issues, failed: false);
        }
        catch (ProbeUnavailableException ex)
        {
            status = $"unsupported: {ex.Reason}";
            return Finish(probe, startedAt, clock.Elapsed, status, issues, failed: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Probe {Probe} did not finish within {Timeout}", probe.Name, probe.Timeout);
            status = $"not scanned: took longer than {probe.Timeout.TotalSeconds:0} s";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Probe {Probe} failed: {Message}", probe.Name, ex.Message);
            status = $"not scanned: {ex.Message}";
        }
        return Finish(probe, startedAt, clock.Elapsed, status, issues, failed: true);
    }

    private ProbeRun Finish(IProbe probe, DateTimeOffset startedAt, TimeSpan took, string status, int issues, bool failed)
    {
        statistics?.Record(probe.Name, took, failed);
        watching.Set(probe.Name, status);
        var run = new ProbeRun(probe.Name, startedAt, took, status, issues, CadenceOf(probe));
        lock (_lastResult)
            _lastResult[probe] = run;
        return run;
    }

    private async Task<IReadOnlyList<ProbeRun>> RunAsync(IReadOnlyList<IProbe> due, SessionTrigger trigger, CancellationToken cancellationToken)
    {
        var session = await engine.BeginSessionAsync(trigger, cancellationToken);
        var runs = new List<ProbeRun>();
        try
        {
            foreach (var probe in due)
            {
                runs.Add(await ScanAsync(probe, session, cancellationToken));
                _lastRun[probe] = time.GetUtcNow();
            }
        }
        finally
        {
            engine.EndSession(session);
        }
        return runs;
    }

    /// <summary>How often the probe runs now, and why: faster while one of its issues is open, slower when the machine has long been well.</summary>
    public ProbeCadence CadenceOf(IProbe probe)
    {
        var open = engine.Board.Open.FirstOrDefault(v => v.Issue.Severity >= IssueSeverity.Warning && probe.Kinds.Contains(v.Issue.Kind));
        var now = time.GetUtcNow();
        return ProbeCadence.Of(ConfiguredInterval(probe), open?.Issue.Key, now - _lastUnwell, config.Current.Probes.Rates);
    }

    private void NoteHealth(DateTimeOffset now)
    {
        if (engine.Board.State != SystemState.Healthy || _lastUnwell > now)
            _lastUnwell = now; // also after the clock went back: "well for" never counts time that did not pass
    }

    private TimeSpan IntervalOf(IProbe? probe) => probe is null ? ConfiguredInterval(null) : CadenceOf(probe).Interval;

    private TimeSpan ConfiguredInterval(IProbe? probe) =>
        probe?.Interval ?? TimeSpan.FromSeconds(Math.Max(1, config.Current.ScanIntervalSeconds));
}
