using Anna.Core.Events;
using Anna.Core.Issues;
using Anna.Core.Prediction;
using Anna.Core.Vocabulary;

namespace Anna.Server.Hosting;

/// <summary>
/// Tells the forecast self-check when a preventive fix succeeded: the forecast it acted on did not
/// get the chance to come true, so it is <i>averted</i> — neither a hit nor a miss.
/// </summary>
public sealed class PreventionOutcomes(EngineEventFeed feed, ForecastCheck check) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(OnEvent);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void OnEvent(EngineEvent engineEvent)
    {
        if (engineEvent.Kind == EngineEventKind.ActionSucceeded && engineEvent.Issue is { } issue && MetricOf(issue) is { } metric)
            check.Averted(metric, issue.Subject, engineEvent.At);
    }

    /// <summary>The series a forecast issue stands for; null for any other issue.</summary>
    public static ForecastMetric? MetricOf(Issue issue) => issue.Kind switch
    {
        IssueKind.PredictedDiskFull => ForecastMetric.DiskUsedPercent,
        IssueKind.PredictedInodeExhaustion => ForecastMetric.InodeUsedPercent,
        IssueKind.PredictedMemoryExhaustion when issue.Subject.EndsWith(".service", StringComparison.Ordinal) => ForecastMetric.UnitMemoryBytes,
        IssueKind.PredictedMemoryExhaustion => ForecastMetric.MemoryAvailablePercent,
        _ => null,
    };
}
