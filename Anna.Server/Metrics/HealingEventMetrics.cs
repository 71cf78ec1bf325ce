using Anna.Core.Breaker;
using Anna.Core.Events;
using Anna.Core.Vocabulary;
using Prometheus;

namespace Anna.Server.Metrics;

/// <summary>
/// The counters and histograms that follow the engine's events as they happen. Counters start at
/// zero with the process, as Prometheus expects (its rate() and increase() handle the reset); what
/// must survive a restart is read from the store instead (<see cref="StateMetrics"/>).
/// Labels are bounded: issue kinds, outcomes and reasons are fixed vocabularies, never unit names.
/// </summary>
internal sealed class HealingEventMetrics : IDisposable
{
    private readonly Counter _attempts;
    private readonly Histogram _healDuration;
    private readonly Counter _rollbacks;
    private readonly Counter _breakerTrips;
    private readonly Counter _undos;
    private readonly Counter _detected;
    private readonly Counter _timeSaved;
    private readonly double _manualFixSeconds;
    private readonly IDisposable _subscription;

    public HealingEventMetrics(MetricFactory factory, EngineEventFeed feed, MetricsOptions options)
    {
        _attempts = factory.CreateCounter("anna_healing_attempts_total", "Healing actions executed, by issue type and outcome (success, failed, rolled_back).",
            new CounterConfiguration { LabelNames = ["issue_type", "outcome"] });
        // 10 ms … ~11 min in doublings: a restart takes tens of ms, a package update minutes.
        _healDuration = factory.CreateHistogram("anna_healing_duration_seconds", "Time from starting an action to its verified outcome.",
            new HistogramConfiguration { LabelNames = ["issue_type"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 17) });
        _rollbacks = factory.CreateCounter("anna_rollback_operations_total",
            "Actions put back: automatic (a failed action rolled back), undo (a person asked), recovery (cut off by a stop, rolled back at start-up).",
            new CounterConfiguration { LabelNames = ["reason"] });
        _breakerTrips = factory.CreateCounter("anna_circuit_breaker_trips_total", "Circuit breaker trips, per subject or global.",
            new CounterConfiguration { LabelNames = ["scope"] });
        _undos = factory.CreateCounter("anna_undo_total", "Undos a person asked for that ran, by outcome.",
            new CounterConfiguration { LabelNames = ["outcome"] });
        _detected = factory.CreateCounter("anna_issues_detected_total", "Issues detected, by kind.",
            new CounterConfiguration { LabelNames = ["kind"] });
        _timeSaved = factory.CreateCounter("anna_time_saved_seconds_total",
            "Assumed time a person did not spend: successful automatic fixes times Anna:Metrics:ManualFixMinutes (an assumption, not a measurement).");
        _manualFixSeconds = Math.Max(0, options.ManualFixMinutes) * 60;
        foreach (var reason in RollbackReasons)
            _rollbacks.WithLabels(reason);
        foreach (var scope in (string[])["subject", "global"])
            _breakerTrips.WithLabels(scope);
        _subscription = feed.Subscribe(OnEvent);
    }

    private static readonly string[] RollbackReasons = ["automatic", "undo", "recovery"];

    private void OnEvent(EngineEvent e)
    {
        switch (e)
        {
            case { Kind: EngineEventKind.ActionSucceeded or EngineEventKind.ActionFailed, Entry: { } entry }:
                // The outcome's own name: a failed action that auto-rollback put back counts as rolled_back.
                _attempts.WithLabels(entry.IssueKind, EnumNames<ActionOutcome>.ToName(entry.Outcome)).Inc();
                _healDuration.WithLabels(entry.IssueKind).Observe(entry.DurationMs / 1000.0);
                if (entry.Outcome == ActionOutcome.RolledBack)
                    _rollbacks.WithLabels("automatic").Inc();
                if (entry.Outcome == ActionOutcome.Success)
                    _timeSaved.Inc(_manualFixSeconds);
                break;
            case { Kind: EngineEventKind.ActionUndone, Entry: { } undo }:
                _undos.WithLabels(EnumNames<ActionOutcome>.ToName(undo.Outcome)).Inc();
                _rollbacks.WithLabels("undo").Inc();
                break;
            case { Kind: EngineEventKind.ActionRecovered, Entry: { Outcome: ActionOutcome.RolledBack } }:
                _rollbacks.WithLabels("recovery").Inc();
                break;
            case { Kind: EngineEventKind.BreakerTripped }:
                _breakerTrips.WithLabels(e.Subject == BreakerRecord.Global ? "global" : "subject").Inc();
                break;
            case { Kind: EngineEventKind.IssueDetected, Issue: { } issue }:
                _detected.WithLabels(issue.Kind).Inc();
                break;
        }
    }

    public void Dispose() => _subscription.Dispose();
}
