using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

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
    public void A_restart_counter_whose_hourly_rate_rises_past_critical_is_judged_a_hit_by_the_self_check_at_the_crossing()
    {
        // NRestarts as the probe records it: a counter, restarts arriving (seeded Poisson) ever faster,
        // from 0.2 to 6 an hour over twenty days. The policy's critical value is 6 restarts an hour,
        // which the busiest hour reaches days before the mean rate does.
        const string unit = "flaky.service";
        var counter = ForecastSeries.Counter(ForecastSeries.PerDay * 20, h => 0.2 + 5.8 * h / 480, 1);
        var critical = new HealingOptions().Probes.Services.RestartsCriticalPerHour;
        // Where the counter's increase over the trailing hour first holds at critical for three samples.
        var hourly = counter.Select((v, i) => i >= ForecastSeries.PerHour ? v - counter[i - ForecastSeries.PerHour] : 0).ToArray();
        var crossing = ForecastSeries.Crossing(hourly, critical);
        Assert.True(crossing > ForecastSeries.PerDay, "the generated counter must cross after a day");
        var crossedAt = new DateTimeOffset(ForecastSeries.Time(crossing));

        var time = new FakeTimeProvider(new DateTimeOffset(ForecastSeries.Time(0)));
        var check = new ForecastCheck(time);
        var watch = new ForecastWatch(new TestHealingConfig(new HealingOptions()), check);
        // Live: the clock follows the samples, so what the forecaster raises is fresh and recorded.
        for (var i = 0; i < crossing + ForecastSeries.PerHour; i++)
        {
            var at = new DateTimeOffset(ForecastSeries.Time(i));
            time.SetUtcNow(at);
            watch.Observe(new Sample(SampleMetric.UnitRestarts, unit, at, counter[i]));
            if (i == crossing - 1)
            {
                // Just before the crossing a forecast of it is waiting, and none was judged a hit earlier.
                var before = check.Summary();
                Assert.Equal(0, before.Hits);
                var waiting = Assert.Single(before.Waiting);
                Assert.Equal((ForecastMetric.UnitRestartsTotal, unit, (double)critical), (waiting.Metric, waiting.Subject, waiting.Critical));
            }
        }

        // The self-check turned the raw counter into its hourly rate and saw it hold at critical: the
        // forecast came true, dated by the first of the three samples, judged at the third.
        var summary = check.Summary();
        Assert.Equal(1, summary.Hits);
        var hit = Assert.Single(summary.Recent, p => p.Outcome == PredictionOutcome.Hit);
        Assert.Equal(ForecastMetric.UnitRestartsTotal, hit.Metric);
        Assert.Equal(crossedAt, hit.CrossedAt);
        Assert.Equal(crossedAt.AddMinutes(10), hit.JudgedAt);
        Assert.True(hit.RaisedAt < crossedAt, $"raised {hit.RaisedAt:u}, crossed {crossedAt:u}");
        Assert.Empty(summary.Waiting);
    }

    [Fact]
    public void The_span_reads_as_a_person_says_it()
    {
        Assert.Equal("40 min", ForecastProbe.Span(TimeSpan.FromMinutes(40)));
        Assert.Equal("9 h", ForecastProbe.Span(TimeSpan.FromHours(9.2)));
        Assert.Equal("3 days", ForecastProbe.Span(TimeSpan.FromDays(3.1)));
    }
}
