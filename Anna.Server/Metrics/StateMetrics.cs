using Anna.Core.Approvals;
using Anna.Core.Engine;
using Anna.Core.History;
using Anna.Core.Samples;
using Anna.Server.Persistence;
using Prometheus;

namespace Anna.Server.Metrics;

/// <summary>
/// Gauges read fresh at every scrape, from the engine and the store, so they are right after a
/// restart: the state and open issues, the healing switch, the rolling 24 h success rate, the
/// approval queue and the probes. Approval totals come from the store, whose rows are never
/// deleted, so they only grow, as a counter must.
/// </summary>
internal sealed class StateMetrics
{
    /// <summary>The window of <c>anna_healing_success_rate</c>.</summary>
    public static readonly TimeSpan SuccessWindow = TimeSpan.FromHours(24);

    private readonly Gauge _state;
    private readonly Gauge _openIssues;
    private readonly Gauge _healable;
    private readonly Gauge _autoHeal;
    private readonly Gauge _successRate;
    private readonly Gauge _attempts24h;
    private readonly Counter _approvals;
    private readonly Gauge _pending;
    private readonly Gauge _oldestPending;
    private readonly Gauge _probeDuration;
    private readonly Counter _probeRuns;
    private readonly Counter _probeErrors;
    private readonly Gauge _storeAvailable;
    private readonly Gauge _storeReserve;
    private readonly Counter _storeErrors;
    private readonly Counter _samplesLost;
    private readonly IServiceProvider _services;

    public StateMetrics(MetricFactory factory, IServiceProvider services)
    {
        _services = services;
        _state = factory.CreateGauge("anna_system_state", "0 = HEALTHY, 1 = DEGRADED, 2 = CRITICAL.");
        _openIssues = factory.CreateGauge("anna_issues_open", "Open issues by kind.", new GaugeConfiguration { LabelNames = ["kind"] });
        _healable = factory.CreateGauge("anna_healable_issues_current", "Open issues that have a fix Anna could apply.");
        _autoHeal = factory.CreateGauge("anna_auto_heal_enabled", "1 when automatic healing is switched on, 0 when a person switched it off.");
        _successRate = factory.CreateGauge("anna_healing_success_rate",
            "Share of executed actions that succeeded over the last 24 h, from the store (NaN when none ran).");
        _attempts24h = factory.CreateGauge("anna_healing_attempts_24h", "Executed actions over the last 24 h, from the store (the success rate's denominator).");
        _approvals = factory.CreateCounter("anna_approvals_total", "Approval requests by how they ended: approved, rejected or expired.",
            new CounterConfiguration { LabelNames = ["decision"] });
        _pending = factory.CreateGauge("anna_approvals_pending", "Approval requests waiting for a person.");
        _oldestPending = factory.CreateGauge("anna_approval_oldest_pending_seconds", "How long the oldest pending approval request has waited (0 when none).");
        _probeDuration = factory.CreateGauge("anna_probe_duration_seconds", "How long each probe's last run took.", new GaugeConfiguration { LabelNames = ["probe"] });
        _probeRuns = factory.CreateCounter("anna_probe_runs_total", "Probe runs since start-up.", new CounterConfiguration { LabelNames = ["probe"] });
        _probeErrors = factory.CreateCounter("anna_probe_errors_total", "Probe runs that failed or timed out since start-up.", new CounterConfiguration { LabelNames = ["probe"] });
        _storeAvailable = factory.CreateGauge("anna_store_available_bytes", "Free space for Anna on its data directory's filesystem, at the last check.");
        _storeReserve = factory.CreateGauge("anna_store_reserve_bytes", "The space reserve kept for a full disk; 0 once released (the disk filled up).");
        _storeErrors = factory.CreateCounter("anna_store_errors_total", "Store commands that failed since start-up (a full disk, a lock held too long).");
        _samplesLost = factory.CreateCounter("anna_samples_lost_total",
            "Measurements not stored since start-up: queue_full (the writer fell behind), series_cap (too many series), write_failed (the store refused a batch).",
            new CounterConfiguration { LabelNames = ["reason"] });
    }

    public async Task CollectAsync(CancellationToken cancellationToken)
    {
        // First: when the store fails, the rest of this may fail too, and these must still be told.
        var space = _services.GetRequiredService<StoreSpace>();
        _storeAvailable.Set(space.AvailableBytes);
        _storeReserve.Set(space.ReserveHeld ? space.ReserveBytes : 0);
        _storeErrors.IncTo(space.Errors);

        var engine = _services.GetRequiredService<HealingEngine>();
        var report = engine.Health();
        _state.Set((int)report.State);
        foreach (var kind in report.Issues.GroupBy(i => i.Issue.Kind))
            _openIssues.WithLabels(kind.Key).Set(kind.Count());
        foreach (var labels in _openIssues.GetAllLabelValues())
        {
            if (report.Issues.All(i => i.Issue.Kind != labels[0]))
                _openIssues.WithLabels(labels).Set(0);
        }
        _autoHeal.Set(_services.GetRequiredService<HealingSwitch>().Enabled ? 1 : 0);
        _healable.Set((await _services.GetRequiredService<HealingRequests>().HealableAsync(cancellationToken)).Count);

        var time = _services.GetRequiredService<TimeProvider>();
        var rates = await _services.GetRequiredService<IHistoryStore>().SuccessRatesAsync(time.GetUtcNow() - SuccessWindow, cancellationToken);
        var attempts = rates.Sum(r => r.Attempts);
        _attempts24h.Set(attempts);
        _successRate.Set(attempts == 0 ? double.NaN : (double)rates.Sum(r => r.Successes) / attempts);

        await CollectApprovalsAsync(_services.GetRequiredService<IApprovalStore>(), time.GetUtcNow(), cancellationToken);
        foreach (var tally in _services.GetRequiredService<ProbeStatistics>().Snapshot())
        {
            _probeDuration.WithLabels(tally.Probe).Set(tally.LastTook.TotalSeconds);
            _probeRuns.WithLabels(tally.Probe).IncTo(tally.Runs);
            _probeErrors.WithLabels(tally.Probe).IncTo(tally.Failures);
        }
        _samplesLost.WithLabels("queue_full").IncTo(_services.GetRequiredService<SampleQueue>().Dropped);
        var writer = _services.GetRequiredService<SampleWriter>();
        _samplesLost.WithLabels("series_cap").IncTo(writer.OverCap);
        _samplesLost.WithLabels("write_failed").IncTo(writer.Failed);
    }

    private async Task CollectApprovalsAsync(IApprovalStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var decided = await store.StatsAsync(cancellationToken);
        _approvals.WithLabels("approved").IncTo(decided.Sum(s => s.Approved));
        _approvals.WithLabels("rejected").IncTo(decided.Sum(s => s.Rejected));
        _approvals.WithLabels("expired").IncTo((await store.ListAsync(ApprovalStatus.Expired, cancellationToken)).Count);
        var pending = await store.ListAsync(ApprovalStatus.Pending, cancellationToken);
        _pending.Set(pending.Count);
        _oldestPending.Set(pending.Count == 0 ? 0 : Math.Max(0, (now - pending.Min(p => p.CreatedAt)).TotalSeconds));
    }
}
