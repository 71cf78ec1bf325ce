using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.Testing;

namespace Anna.Core.Tests.Prediction;

public sealed class ForecastWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A disk filling by <paramref name="perHour"/> points an hour from 40 %, one sample every 5 minutes, with a little noise.</summary>
    private static IEnumerable<Sample> Filling(string mount, double perHour, int hours, int seed = 1)
    {
        var random = new Random(seed);
        for (var i = 0; i < hours * 12; i++)
            yield return new Sample(SampleMetric.DiskUsedPercent, mount, Start.AddMinutes(5 * i), 40 + perHour * i / 12.0 + 0.05 * random.NextDouble());
    }

    private static ForecastWatch Watch() => new(new TestHealingConfig(new HealingOptions()));

    [Fact]
    public void A_steady_fill_is_forecast_to_reach_the_disk_probes_critical_share_and_becomes_a_predicted_disk_full_issue()
    {
        var watch = Watch();
        foreach (var sample in Filling("/var", 0.4, 90))
            watch.Observe(sample);

        var series = Assert.Single(watch.Current());
        Assert.Equal(95, series.Critical);
        var forecast = Assert.IsType<ExhaustionForecast>(series.Forecast);
        // 40 % + 0.4 points an hour over 90 h is 76 %: 95 % is about 47 h further on.
        var expected = Start.AddHours(90 + (95 - 76) / 0.4).UtcDateTime;
        Assert.InRange(forecast.Eta, expected.AddHours(-8), expected.AddHours(8));

        var now = series.LastAt;
        var issue = ForecastProbe.ToIssue(series, now, TimeZoneInfo.Utc);
        Assert.Equal(IssueKind.PredictedDiskFull, issue.Kind);
        Assert.Equal("/var", issue.Subject);
        Assert.Matches(@"^/var full in ~\d+ (h|days) \(at \w{3} \d\d:\d\d\): 7\d(\.\d)? % now, critical at 95 %$", issue.Summary);
    }

    [Fact]
    public void A_flat_disk_and_a_metric_that_cannot_run_out_are_not_forecast()
    {
        var watch = Watch();
        foreach (var sample in Filling("/srv", 0, 90))
            watch.Observe(sample);
        watch.Observe(new Sample(SampleMetric.DiskUsedBytes, "/srv", Start, 1e9));

        var series = Assert.Single(watch.Current());
        Assert.Null(series.Forecast);
    }

    [Fact]
    public async Task A_restart_reads_the_trend_back_from_the_store()
    {
        var store = new InMemoryBucketStore([.. Filling("/var", 0.4, 90).Select(SampleBucket.Of)]);
        var watch = Watch();

        await watch.WarmUpAsync(store, Start.AddHours(90), CancellationToken.None);

        Assert.NotNull(Assert.Single(watch.Current()).Forecast);
    }

    [Fact]
    public void The_span_reads_as_a_person_says_it()
    {
        Assert.Equal("40 min", ForecastProbe.Span(TimeSpan.FromMinutes(40)));
        Assert.Equal("9 h", ForecastProbe.Span(TimeSpan.FromHours(9.2)));
        Assert.Equal("3 days", ForecastProbe.Span(TimeSpan.FromDays(3.1)));
    }
}
