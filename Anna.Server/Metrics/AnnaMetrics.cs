using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.Vocabulary;
using Prometheus;

namespace Anna.Server.Metrics;

/// <summary>
/// Prometheus metrics, fed from the engine's events. Each host has its own registry so that
/// several hosts in one process (tests) never mix their counters.
/// </summary>
public sealed class AnnaMetrics : IDisposable
{
    private readonly Counter _attempts;
    private readonly Histogram _healDuration;
    private readonly Gauge _openIssues;
    private readonly Gauge _state;
    private readonly Counter _breakerTrips;
    private readonly Counter _undos;
    private readonly HealingEngine _engine;
    private readonly IDisposable _subscription;

    public AnnaMetrics(EngineEventFeed feed, HealingEngine engine)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _attempts = factory.CreateCounter("anna_healing_attempts_total", "Healing actions executed, by issue type and outcome.",
            new CounterConfiguration { LabelNames = ["issue_type", "outcome"] });
        _healDuration = factory.CreateHistogram("anna_healing_duration_seconds", "Time from starting an action to its verified outcome.",
            new HistogramConfiguration { LabelNames = ["issue_type"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });
        _openIssues = factory.CreateGauge("anna_issues_open", "Open issues by kind.", new GaugeConfiguration { LabelNames = ["kind"] });
        _state = factory.CreateGauge("anna_system_state", "0 = HEALTHY, 1 = DEGRADED, 2 = CRITICAL.");
        _breakerTrips = factory.CreateCounter("anna_circuit_breaker_trips_total", "Circuit breaker trips, per subject or global.",
            new CounterConfiguration { LabelNames = ["scope"] });
        _undos = factory.CreateCounter("anna_undo_total", "Undos a person asked for that ran, by outcome.",
            new CounterConfiguration { LabelNames = ["outcome"] });
        _engine = engine;
        _subscription = feed.Subscribe(OnEvent);
    }

    public CollectorRegistry Registry { get; }

    private void OnEvent(EngineEvent e)
    {
        if (e is { Kind: EngineEventKind.ActionSucceeded or EngineEventKind.ActionFailed, Entry: { } entry })
        {
            // The outcome's own name: a failed action that auto-rollback put back counts as rolled_back.
            _attempts.WithLabels(entry.IssueKind, EnumNames<ActionOutcome>.ToName(entry.Outcome)).Inc();
            _healDuration.WithLabels(entry.IssueKind).Observe(entry.DurationMs / 1000.0);
        }
        if (e is { Kind: EngineEventKind.ActionUndone, Entry: { } undo })
            _undos.WithLabels(EnumNames<ActionOutcome>.ToName(undo.Outcome)).Inc();
        if (e.Kind == EngineEventKind.BreakerTripped)
            _breakerTrips.WithLabels(e.Subject == Anna.Core.Breaker.BreakerRecord.Global ? "global" : "subject").Inc();
        if (e.Kind is EngineEventKind.IssueDetected or EngineEventKind.IssueResolved or EngineEventKind.ActionSucceeded)
            RefreshIssueGauges();
    }

    private void RefreshIssueGauges()
    {
        var report = _engine.Health();
        _state.Set((int)report.State);
        foreach (var kind in report.Issues.GroupBy(i => i.Issue.Kind))
            _openIssues.WithLabels(kind.Key).Set(kind.Count());
        foreach (var labels in _openIssues.GetAllLabelValues())
        {
            if (report.Issues.All(i => i.Issue.Kind != labels[0]))
                _openIssues.WithLabels(labels).Set(0);
        }
    }

    public void Dispose() => _subscription.Dispose();
}
