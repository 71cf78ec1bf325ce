using Anna.Core.Prediction;
using static Anna.Core.Tests.Prediction.ForecastSeries;

namespace Anna.Core.Tests.Prediction;

public sealed class ExhaustionForecasterTests
{
    private const double Critical = 90;

    // The first alert must come at least `leadHours` before the crossing, and its ETA be within
    // `relativeError` of the time that was actually left.
    private static void AssertWarnedInTime(ForecastMetric metric, double critical, double[] values, double leadHours, double relativeError)
    {
        var crossing = Crossing(values, critical, metric.FallsToCritical());
        Assert.True(crossing > 0, "the generated series must cross");
        var alerts = Alerts(metric, critical, values[..crossing]);
        Assert.NotEmpty(alerts);
        var (index, first) = alerts[0];
        var lead = Hours(crossing) - Hours(index);
        Assert.True(lead >= leadHours, $"first alert {lead:F1} h before the crossing");
        var error = Math.Abs((first.Eta - Time(crossing)).TotalHours) / lead;
        Assert.True(error <= relativeError, $"ETA {first.Eta:u} vs crossing {Time(crossing):u}: {error:P0} off");
        Assert.InRange(first.Confidence, 0.0, 1.0);
    }

    private static void AssertNoAlert(ForecastMetric metric, double critical, double[] values)
    {
        Assert.Equal(-1, Crossing(values, critical, metric.FallsToCritical()));
        var alerts = Alerts(metric, critical, values);
        Assert.True(alerts.Count == 0, alerts.Count == 0 ? "" : $"alert at hour {Hours(alerts[0].Index):F0}: ETA {alerts[0].Forecast.Eta:u}");
    }

    [Fact]
    public void A_steady_fill_is_announced_days_ahead_with_a_close_eta()
    {
        // 40 % → 90 % in ten days, 5 points a day, a little noise.
        var values = Make(PerDay * 11, h => 40 + 5 * h / 24, 0.2, 1);
        AssertWarnedInTime(ForecastMetric.DiskUsedPercent, Critical, values, leadHours: 72, relativeError: 0.2);
    }

    [Fact]
    public void A_slow_fill_that_stays_weeks_away_raises_nothing()
    {
        // 1 point a day from 60 %: 30 days to go when the series ends after two weeks.
        AssertNoAlert(ForecastMetric.InodeUsedPercent, Critical, Make(PerDay * 14, h => 60 - 14 + h / 24, 0.2, 2));
    }

    [Fact]
    public void A_fill_with_a_daily_cycle_is_followed_at_its_peaks()
    {
        // A working day's swing of ±6 points on top of 3 points a day; the peaks cross first.
        var values = Make(PerDay * 14, h => 45 + 3 * h / 24 + 6 * Math.Sin(2 * Math.PI * h / 24), 0.3, 3);
        AssertWarnedInTime(ForecastMetric.DiskUsedPercent, Critical, values, leadHours: 48, relativeError: 0.35);
    }

    [Fact]
    public void A_daily_cycle_without_trend_raises_nothing()
    {
        AssertNoAlert(ForecastMetric.DiskUsedPercent, Critical, Make(PerDay * 14, h => 78 + 6 * Math.Sin(2 * Math.PI * h / 24), 0.3, 4));
    }

    [Theory]
    [InlineData(6.0)]   // cache cleaned every six hours
    [InlineData(60.0)]  // logs rotated every two and a half days
    public void A_sawtooth_that_always_falls_back_raises_nothing(double period)
    {
        // Climbs 15 points, cleaned back down, peaks 4 points below critical; the first cleanup comes
        // in the tenth hour (before its first fall, a tooth longer than the history is a fill).
        AssertNoAlert(ForecastMetric.DiskUsedPercent, Critical, Make(PerDay * 14, h => 71 + 15 * ((h + period - 10) % period) / period, 0.2, 5));
    }

    [Fact]
    public void A_sawtooth_whose_floor_rises_is_announced_before_its_peaks_cross()
    {
        // Teeth of 10 points every 12 hours; the floor rises 2 points a day from 50 %.
        var values = Make(PerDay * 16, h => 50 + 2 * h / 24 + 10 * (h % 12) / 12, 0.2, 6);
        AssertWarnedInTime(ForecastMetric.DiskUsedPercent, Critical, values, leadHours: 48, relativeError: 0.5);
    }

    [Fact]
    public void A_big_download_deleted_again_raises_nothing()
    {
        // 60 %, then 25 points downloaded in half an hour on day 8, kept for ten hours, deleted.
        var start = 24 * 8.0;
        var values = Make(PerDay * 12, h => 60 + (h < start ? 0 : h < start + 0.5 ? 50 * (h - start) : h < start + 10 ? 25 : 0), 0.2, 7);
        AssertNoAlert(ForecastMetric.DiskUsedPercent, Critical, values);
    }

    [Fact]
    public void A_fill_with_a_download_deleted_on_the_way_is_still_announced_days_ahead()
    {
        // 40 % → 90 % in ten days; early on day 2, twenty points are downloaded and deleted six hours
        // later. The peak the deletion cut (about 67 %) is the level to beat until the fill passes it
        // on day 5.5; then the fill is announced, three days ahead instead of the seven it would be.
        var values = Make(PerDay * 11, h => 40 + 5 * h / 24 + (h is >= 36 and < 42 ? 20 : 0), 0.2, 20);
        AssertWarnedInTime(ForecastMetric.DiskUsedPercent, Critical, values, leadHours: 48, relativeError: 0.5);
        Assert.True(Alerts(ForecastMetric.DiskUsedPercent, Critical, values)[0].Index > 132 * PerHour, "announced before the fill passed the download's peak");
    }

    [Fact]
    public void Noise_just_under_the_threshold_raises_nothing()
    {
        AssertNoAlert(ForecastMetric.DiskUsedPercent, Critical, Make(PerDay * 14, _ => 87.5, 0.5, 8));
    }

    [Fact]
    public void Memory_available_falling_to_critical_is_announced()
    {
        // 60 % available falling 4 points a day towards 10 %, with a daily swing of ±5.
        var values = Make(PerDay * 14, h => 60 - 4 * h / 24 + 5 * Math.Sin(2 * Math.PI * h / 24), 0.5, 9);
        AssertWarnedInTime(ForecastMetric.MemoryAvailablePercent, 10, values, leadHours: 48, relativeError: 0.35);
    }

    [Fact]
    public void Memory_available_that_swings_but_holds_raises_nothing()
    {
        AssertNoAlert(ForecastMetric.MemoryAvailablePercent, 10, Make(PerDay * 14, h => 30 + 12 * Math.Sin(2 * Math.PI * h / 24), 1, 10));
    }

    [Fact]
    public void A_unit_leaking_towards_its_limit_is_announced()
    {
        const double limit = 1024.0 * 1024 * 1024;
        // From 30 % of a 1 GiB limit, leaking to it in eight days, with a garbage collector's saw.
        var values = Make(PerDay * 9, h => limit * (0.3 + 0.7 * h / (24 * 8) + 0.02 * (h % 2)), limit * 0.005, 11);
        AssertWarnedInTime(ForecastMetric.UnitMemoryBytes, limit, values, leadHours: 48, relativeError: 0.3);
    }

    [Fact]
    public void A_unit_whose_cache_grows_and_is_trimmed_raises_nothing()
    {
        const double limit = 1024.0 * 1024 * 1024;
        var values = Make(PerDay * 14, h => limit * (0.5 + 0.3 * (h % 30) / 30), limit * 0.005, 12);
        AssertNoAlert(ForecastMetric.UnitMemoryBytes, limit, values);
    }

    [Fact]
    public void A_restart_rate_that_keeps_rising_is_announced()
    {
        // From 0.1 to 6 restarts an hour over twenty days; critical is 6 an hour. An hour with six
        // restarts comes well before the mean is six: the busiest hour of the day is what crosses.
        var values = Counter(PerDay * 20, h => 0.1 + 5.9 * h / 480, 13);
        var crossing = CrossingOfRate(values, 6);
        Assert.True(crossing > 0);
        var alerts = Alerts(ForecastMetric.UnitRestartsTotal, 6, values[..crossing]);
        Assert.True(alerts.Count > 0, $"no alert before the crossing at hour {Hours(crossing):F0}");
        Assert.True(Hours(crossing) - Hours(alerts[0].Index) >= 12, $"first alert {Hours(crossing) - Hours(alerts[0].Index):F1} h ahead");
    }

    [Fact]
    public void A_steady_low_restart_rate_raises_nothing()
    {
        var values = Counter(PerDay * 14, _ => 0.5, 14);
        Assert.Equal(-1, CrossingOfRate(values, 6));
        Assert.Empty(Alerts(ForecastMetric.UnitRestartsTotal, 6, values));
    }

    [Fact]
    public void A_forecast_never_depends_on_later_samples()
    {
        var past = Make(PerDay * 6, h => 40 + 5 * h / 24, 0.2, 15);
        var calm = past.Concat(Make(PerDay * 3, _ => 70, 0.2, 16)).ToArray();
        var steep = past.Concat(Make(PerDay * 3, h => 70 + h, 0.2, 17)).ToArray();
        var a = Alerts(ForecastMetric.DiskUsedPercent, Critical, calm);
        var b = Alerts(ForecastMetric.DiskUsedPercent, Critical, steep);

        Assert.Equal(a.Where(x => x.Index < past.Length), b.Where(x => x.Index < past.Length));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Memory_is_fixed_however_long_the_series()
    {
        var forecaster = new ExhaustionForecaster(ForecastMetric.DiskUsedPercent, Critical);
        var before = forecaster.BufferBytes;
        var values = Make(PerDay * 60, h => 50 + 5 * Math.Sin(2 * Math.PI * h / 24), 0.5, 18);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < values.Length; i++)
            Assert.Null(forecaster.Observe(Time(i), values[i]));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal(before, forecaster.BufferBytes);
        Assert.True(before <= 16 * 1024, $"{before} bytes a series");
        // Sixty days of samples and no alert: nothing was allocated after construction.
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Samples_out_of_order_or_not_numbers_are_ignored()
    {
        var values = Make(PerDay * 11, h => 40 + 5 * h / 24, 0.2, 19);
        var clean = Alerts(ForecastMetric.DiskUsedPercent, Critical, values);
        var forecaster = new ExhaustionForecaster(ForecastMetric.DiskUsedPercent, Critical);
        var noisy = new List<(int, ExhaustionForecast)>();
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Null(forecaster.Observe(Time(i), double.NaN));
            if (forecaster.Observe(Time(i), values[i]) is { } f)
                noisy.Add((i, f));
            Assert.Null(forecaster.Observe(Time(i).AddMinutes(-1), 0));
        }
        Assert.NotEmpty(clean);
        Assert.Equal(clean, noisy);
    }

    [Fact]
    public void Options_out_of_range_are_all_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ExhaustionForecaster(ForecastMetric.DiskUsedPercent, Critical,
            new ExhaustionForecasterOptions { PointsPerHorizon = 2, Persistence = 0 }));
        Assert.Contains("PointsPerHorizon", ex.Message);
        Assert.Contains("Persistence", ex.Message);
    }

    // The trailing hour's restarts reach critical for three samples in a row.
    private static int CrossingOfRate(double[] counter, double critical)
    {
        var rates = counter.Select((v, i) => i >= PerHour ? v - counter[i - PerHour] : 0).ToArray();
        return Crossing(rates, critical);
    }
}
