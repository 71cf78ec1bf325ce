using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Prediction;

/// <summary>
/// A unit's memory against its MemoryMax= and a service's restart rate, through the forecast watch
/// and the forecast probe, on generated 5-minute series: the limit comes with each memory sample, as
/// the unit-samples probe records it.
/// </summary>
public sealed class UnitForecastTests
{
    private const string Unit = "web.service";
    private const double Limit = 512.0 * 1024 * 1024;
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int i) => Start.AddMinutes(5 * i);

    /// <summary>
    /// A unit's memory, one sample every 5 minutes, from 30 % of its limit, rising <paramref name="shareADay"/>
    /// of it a day, with a garbage collector's saw and noise; the limit recorded with each sample.
    /// </summary>
    private static IEnumerable<Sample> Leaking(int hours, double shareADay, double limit = Limit, int from = 0, int seed = 1)
    {
        var random = new Random(seed);
        for (var i = from; i < from + hours * 12; i++)
        {
            var h = i / 12.0;
            var used = Limit * (0.3 + shareADay * h / 24 + 0.02 * (h % 2)) + Limit * 0.005 * ForecastSeries.Gaussian(random);
            yield return new Sample(SampleMetric.UnitMemoryMaxBytes, Unit, At(i), limit);
            yield return new Sample(SampleMetric.UnitMemoryBytes, Unit, At(i), used);
        }
    }

    private static IEnumerable<Sample> Restarts(double[] counter) =>
        counter.Select((value, i) => new Sample(SampleMetric.UnitRestarts, Unit, At(i), value));

    private static ForecastWatch Watch() => new(new TestHealingConfig(new HealingOptions()));

    private static ForecastWatch Fed(IEnumerable<Sample> samples)
    {
        var watch = Watch();
        foreach (var sample in samples)
            watch.Observe(sample);
        return watch;
    }

    private static async Task<IReadOnlyList<Issue>> ScanAt(ForecastWatch watch, DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return await new ForecastProbe(watch, time).ScanAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_leak_towards_its_MemoryMax_becomes_a_predicted_memory_exhaustion_issue_naming_the_unit()
    {
        // 30 % of 512 MiB, leaking 10 % of it a day: 80 % after five days, the limit two days later.
        var watch = Fed(Leaking(120, 0.1));

        var series = Assert.Single(watch.Current());
        Assert.Equal(ForecastMetric.UnitMemoryBytes, series.Metric);
        Assert.Equal(Limit, series.Critical);
        var forecast = Assert.IsType<ExhaustionForecast>(series.Forecast);
        var expected = Start.AddHours(24 * 7).UtcDateTime; // the saw's peaks (2 % above) reach it a little sooner
        Assert.InRange(forecast.Eta, expected.AddHours(-24), expected.AddHours(8));

        var issue = Assert.Single(await ScanAt(watch, series.LastAt));
        Assert.Equal(IssueKind.PredictedMemoryExhaustion, issue.Kind);
        Assert.Equal(Unit, issue.Subject);
        Assert.Matches(@"^web\.service reaches its MemoryMax= 512 MB in ~\d+ (h|days) \(at \w{3} \d\d:\d\d\): 4\d\d(\.\d)? MB now$", issue.Summary);
        Assert.Equal("536870912", issue.Evidence["limit_bytes"]);
        Assert.Equal("536870912", issue.Evidence["critical"]);
        Assert.True(issue.Evidence.ContainsKey("confidence") && issue.Evidence.ContainsKey("slope_per_hour"));
    }

    [Fact]
    public void Steady_memory_under_its_limit_is_not_forecast()
    {
        var watch = Fed(Leaking(120, 0));

        var series = Assert.Single(watch.Current());
        Assert.Equal(Limit, series.Critical);
        Assert.Null(series.Forecast);
    }

    [Fact]
    public void A_unit_without_a_limit_is_not_forecast()
    {
        var watch = Fed(Leaking(120, 0.1).Where(s => s.Metric == SampleMetric.UnitMemoryBytes));

        Assert.Empty(watch.Current());
    }

    [Fact]
    public void A_changed_limit_starts_the_series_afresh_and_a_lifted_one_ends_it()
    {
        var watch = Fed(Leaking(120, 0.1));
        Assert.NotNull(Assert.Single(watch.Current()).Forecast);

        foreach (var sample in Leaking(1, 0.1, limit: 2 * Limit, from: 120 * 12))
            watch.Observe(sample);
        var raised = Assert.Single(watch.Current());
        Assert.Equal(2 * Limit, raised.Critical);
        Assert.Null(raised.Forecast); // the old trend was judged against another limit: it starts again

        // systemctl set-property web.service MemoryMax=infinity: memory is still recorded, the limit no longer.
        watch.Observe(new Sample(SampleMetric.UnitMemoryBytes, Unit, At(121 * 12), 0.9 * Limit));
        Assert.Empty(watch.Current());
    }

    [Fact]
    public async Task A_unit_that_stopped_reporting_raises_nothing()
    {
        var watch = Fed(Leaking(120, 0.1));
        var last = Assert.Single(watch.Current()).LastAt;

        Assert.Single(await ScanAt(watch, last.AddMinutes(5)));
        // Ten of its 5-minute intervals without a sample: it was stopped, and no sample will correct the forecast.
        Assert.Empty(await ScanAt(watch, last.AddMinutes(55)));
    }

    [Fact]
    public async Task A_restart_reads_the_limit_and_the_leak_back_from_the_store()
    {
        var store = new InMemoryBucketStore([.. Leaking(120, 0.1).Select(SampleBucket.Of)]);
        var watch = Watch();

        await watch.WarmUpAsync(store, At(120 * 12), CancellationToken.None);

        var series = Assert.Single(watch.Current());
        Assert.Equal(Limit, series.Critical);
        Assert.NotNull(series.Forecast);
    }

    [Fact]
    public async Task A_rising_restart_counter_becomes_a_restart_rate_rising_issue()
    {
        // From 0.1 to 6 restarts an hour over twenty days, against the default 6 an hour.
        var counter = ForecastSeries.Counter(ForecastSeries.PerDay * 20, h => 0.1 + 5.9 * h / 480, 13);
        var watch = Watch();
        SeriesForecast? forecast = null;
        for (var i = 0; i < counter.Length && forecast is null; i++)
        {
            watch.Observe(new Sample(SampleMetric.UnitRestarts, Unit, At(i), counter[i]));
            if (i % 12 == 0)
                forecast = watch.Current().SingleOrDefault(s => s.Forecast is not null);
        }

        Assert.NotNull(forecast);
        Assert.Equal(ForecastMetric.UnitRestartsTotal, forecast.Metric);
        Assert.Equal(6, forecast.Critical);
        var issue = Assert.Single(await ScanAt(watch, forecast.LastAt));
        Assert.Equal(IssueKind.RestartRateRising, issue.Kind);
        Assert.Equal(Unit, issue.Subject);
        Assert.Matches(@"^web\.service restarts \d(\.\d)? times an hour and rising: reaches 6 an hour in ~\d+ (min|h|days) \(at \w{3} \d\d:\d\d\)$", issue.Summary);
    }

    [Fact]
    public void A_flat_restart_counter_is_not_forecast_and_shows_its_last_hours_restarts()
    {
        var counter = ForecastSeries.Counter(ForecastSeries.PerDay * 14, _ => 0.5, 14);
        var watch = Fed(Restarts(counter));

        var series = Assert.Single(watch.Current());
        Assert.Null(series.Forecast);
        Assert.Equal(counter[^1] - counter[^13], series.LastValue);
    }

    [Fact]
    public void The_restart_rate_is_judged_against_the_policys_critical_rate()
    {
        var config = new TestHealingConfig(new HealingOptions { Probes = new ProbeOptions { Services = new ServiceProbeOptions { RestartsCriticalPerHour = 2 } } });
        var watch = new ForecastWatch(config);
        foreach (var sample in Restarts(ForecastSeries.Counter(ForecastSeries.PerDay * 2, _ => 0.5, 15)))
            watch.Observe(sample);

        Assert.Equal(2, Assert.Single(watch.Current()).Critical);
    }
}
