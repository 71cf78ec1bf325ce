using Anna.Core.Events;
using Anna.Core.Issues;
using Anna.Core.Prediction;
using Anna.Core.Vocabulary;
using Anna.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Server.Tests.Hosting;

/// <summary>A preventive fix that succeeded averts the forecast it acted on; a failed one, or a fix of another issue, does not.</summary>
public sealed class PreventionOutcomesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static Issue Issue(string kind, string subject) =>
        new(kind, subject, IssueSeverity.Warning, "", new Dictionary<string, string>(), T0, T0);

    [Fact]
    public async Task Only_a_successful_fix_of_the_forecast_itself_averts_it()
    {
        var time = new FakeTimeProvider(T0);
        var check = new ForecastCheck(time);
        check.Observe(ForecastMetric.DiskUsedPercent, "/var", 95, T0, 80, new ExhaustionForecast(T0.UtcDateTime, T0.AddHours(40).UtcDateTime, 0.9, 0.4, 80));
        var feed = new EngineEventFeed(NullLogger<EngineEventFeed>.Instance);
        var outcomes = new PreventionOutcomes(feed, check);
        await outcomes.StartAsync(CancellationToken.None);

        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, T0.AddHours(1), "", Issue(IssueKind.PredictedDiskFull, "/var")));
        feed.Publish(new EngineEvent(EngineEventKind.ActionSucceeded, T0.AddHours(1), "", Issue(IssueKind.PackageCache, "/var")));
        Assert.Equal(1, check.Summary().Pending);

        feed.Publish(new EngineEvent(EngineEventKind.ActionSucceeded, T0.AddHours(2), "", Issue(IssueKind.PredictedDiskFull, "/var")));
        var summary = check.Summary();
        Assert.Equal((0, 1), (summary.Pending, summary.Averted));
        await outcomes.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void A_forecast_issue_maps_to_its_series()
    {
        Assert.Equal(ForecastMetric.UnitMemoryBytes, PreventionOutcomes.MetricOf(Issue(IssueKind.PredictedMemoryExhaustion, "web.service")));
        Assert.Equal(ForecastMetric.MemoryAvailablePercent, PreventionOutcomes.MetricOf(Issue(IssueKind.PredictedMemoryExhaustion, "memory")));
        Assert.Equal(ForecastMetric.InodeUsedPercent, PreventionOutcomes.MetricOf(Issue(IssueKind.PredictedInodeExhaustion, "/srv")));
        Assert.Null(PreventionOutcomes.MetricOf(Issue(IssueKind.LowDisk, "/srv")));
    }
}
