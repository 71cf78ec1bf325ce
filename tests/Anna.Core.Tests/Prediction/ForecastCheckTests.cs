using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Samples;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Prediction;

/// <summary>
/// The forecast self-check on hand-made samples and forecasts, with a fake clock that follows the
/// samples as a live daemon's would: every prediction is judged by what the series did afterwards.
/// </summary>
public sealed class ForecastCheckTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private const string Var = "/var";

    private readonly FakeTimeProvider _time = new(T0);
    private readonly ForecastCheck _check;

    public ForecastCheckTests() => _check = new ForecastCheck(_time);

    private static ExhaustionForecast Forecast(DateTimeOffset at, TimeSpan ahead) =>
        new(at.UtcDateTime, (at + ahead).UtcDateTime, 0.9, 0.5, 80);

    /// <summary>One disk sample at <paramref name="at"/> (the clock moves to it), with the forecast in force then.</summary>
    private void Disk(DateTimeOffset at, double value, ExhaustionForecast? current, string subject = Var)
    {
        _time.SetUtcNow(at);
        _check.Observe(ForecastMetric.DiskUsedPercent, subject, 95, at, value, current);
    }

    /// <summary>Samples every 5 minutes from <paramref name="from"/> until <paramref name="until"/> (exclusive).</summary>
    private void Disk(DateTimeOffset from, DateTimeOffset until, Func<DateTimeOffset, double> value, ExhaustionForecast? current)
    {
        for (var at = from; at < until; at += Step)
            Disk(at, value(at), current);
    }

    [Fact]
    public void A_forecast_whose_series_reaches_critical_by_its_eta_is_a_hit_dated_by_the_first_of_three_samples()
    {
        var forecast = Forecast(T0, TimeSpan.FromHours(48));
        Disk(T0, 80, forecast);
        var crossing = T0.AddHours(47);
        Disk(T0 + Step, crossing.AddHours(2), at => at < crossing ? 80 + 14.9 * (at - T0).TotalHours / 47 : 95.5, forecast);

        var summary = _check.Summary();
        var judged = Assert.Single(summary.Recent);
        Assert.Equal(PredictionOutcome.Hit, judged.Outcome);
        Assert.Equal(crossing, judged.CrossedAt);
        Assert.Equal(crossing + 2 * Step, judged.JudgedAt);
        Assert.Equal(T0, judged.RaisedAt);
        Assert.Equal(T0.AddHours(48), judged.Eta);
        Assert.Equal(80, judged.Value);
        Assert.Equal(95, judged.Critical);
        Assert.Equal((1, 0, 0, 0), (summary.Hits, summary.Missed, summary.Averted, summary.Pending));
        Assert.Equal(1.0, summary.HitRate);
    }

    [Fact]
    public void A_single_spike_to_critical_is_not_a_crossing()
    {
        var forecast = Forecast(T0, TimeSpan.FromHours(24));
        Disk(T0, 80, forecast);
        Disk(T0 + Step, T0.AddHours(4), at => at == T0.AddHours(2) || at == T0.AddHours(3) ? 99 : 85, forecast);

        var summary = _check.Summary();
        Assert.Equal(1, summary.Pending);
        Assert.Empty(summary.Recent);
        Assert.Null(summary.HitRate);
    }

    [Fact]
    public void The_deadline_is_the_eta_plus_a_quarter_of_the_lead_and_never_less_than_an_hour()
    {
        Assert.Equal(TimeSpan.FromHours(1), ForecastCheck.Tolerance(TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(1), ForecastCheck.Tolerance(TimeSpan.FromHours(4)));
        Assert.Equal(TimeSpan.FromHours(12), ForecastCheck.Tolerance(TimeSpan.FromHours(48)));
        Assert.Equal(T0.AddHours(60), new ForecastPrediction(1, ForecastMetric.DiskUsedPercent, Var, T0, T0.AddHours(48), 0.9, 80, 95).Deadline);

        // Two series forecast 48 h ahead: one crosses just inside the 12 h of slack, one just outside.
        var inTime = Forecast(T0, TimeSpan.FromHours(48));
        var deadline = T0.AddHours(60);
        for (var at = T0; at < deadline.AddHours(1); at += Step)
        {
            _time.SetUtcNow(at);
            _check.Observe(ForecastMetric.DiskUsedPercent, "/early", 95, at, at >= deadline - Step ? 96 : 90, inTime);
            _check.Observe(ForecastMetric.DiskUsedPercent, "/late", 95, at, at >= deadline + Step ? 96 : 90, inTime);
        }

        var recent = _check.Summary().Recent;
        Assert.Equal(PredictionOutcome.Hit, recent.Single(p => p.Subject == "/early").Outcome);
        var late = recent.Single(p => p.Subject == "/late");
        Assert.Equal(PredictionOutcome.Missed, late.Outcome);
        // Judged at the first sample past the deadline that was not part of a run begun in time.
        Assert.Equal(deadline + Step, late.JudgedAt);
        Assert.Null(late.CrossedAt);
    }

    [Fact]
    public void A_forecast_whose_deadline_passes_without_a_crossing_is_missed_and_says_whether_it_was_withdrawn()
    {
        var forecast = Forecast(T0, TimeSpan.FromHours(24));
        Disk(T0, 80, forecast);
        // The forecaster stands by it for a day, then drops it; the disk stays at 85 %.
        Disk(T0 + Step, T0.AddHours(24), _ => 85, forecast);
        Disk(T0.AddHours(24), T0.AddHours(31), _ => 85, null);

        var summary = _check.Summary();
        var missed = Assert.Single(summary.Recent);
        Assert.Equal(PredictionOutcome.Missed, missed.Outcome);
        Assert.True(missed.Withdrawn);
        Assert.Equal(T0.AddHours(30) + Step, missed.JudgedAt);
        Assert.Equal(0.0, summary.HitRate);

        var standing = new ForecastCheck(new FakeTimeProvider(T0));
        standing.Observe(ForecastMetric.DiskUsedPercent, Var, 95, T0, 80, forecast);
        standing.Observe(ForecastMetric.DiskUsedPercent, Var, 95, T0.AddHours(31), 85, forecast);
        Assert.False(Assert.Single(standing.Summary().Recent).Withdrawn);
    }

    [Fact]
    public void A_forecast_is_pending_until_its_deadline_and_a_silent_series_is_missed_by_the_clock_an_hour_after_it()
    {
        var forecast = Forecast(T0, TimeSpan.FromHours(24));
        Disk(T0, T0.AddHours(10), _ => 85, forecast);

        var pending = _check.Summary();
        Assert.Equal(1, pending.Pending);
        Assert.Equal(T0.AddHours(30), Assert.Single(pending.Waiting).Deadline);
        Assert.Empty(pending.Recent);

        // The filesystem is gone: no more samples.
        _time.SetUtcNow(T0.AddHours(31));
        Assert.Equal(1, _check.Summary().Pending);
        _time.SetUtcNow(T0.AddHours(31) + Step);
        var summary = _check.Summary();
        Assert.Equal((0, 1), (summary.Pending, summary.Missed));
        Assert.Equal(T0.AddHours(31) + Step, Assert.Single(summary.Recent).JudgedAt);
    }

    [Fact]
    public void A_fix_that_frees_the_resource_before_the_crossing_averts_the_forecast()
    {
        var forecast = Forecast(T0.AddHours(1), TimeSpan.FromHours(24));
        Disk(T0, 80, null);
        Disk(T0.AddHours(1), 82, forecast);

        Assert.False(_check.Averted(ForecastMetric.DiskUsedPercent, Var, T0.AddMinutes(30)), "a fix before the forecast averts nothing");
        Assert.False(_check.Averted(ForecastMetric.InodeUsedPercent, Var, T0.AddHours(2)), "another metric of the subject");
        Assert.False(_check.Averted(ForecastMetric.DiskUsedPercent, "/srv", T0.AddHours(2)), "another subject");
        Assert.True(_check.Averted(ForecastMetric.DiskUsedPercent, Var, T0.AddHours(2)));
        Assert.False(_check.Averted(ForecastMetric.DiskUsedPercent, Var, T0.AddHours(3)), "nothing left to avert");

        // The cleanup worked, the forecast stood a little longer; the series later crosses anyway.
        Disk(T0.AddHours(2), T0.AddHours(40), at => at < T0.AddHours(20) ? 60 : 96, forecast);

        var summary = _check.Summary();
        var averted = Assert.Single(summary.Recent);
        Assert.Equal(PredictionOutcome.Averted, averted.Outcome);
        Assert.Equal(T0.AddHours(2), averted.JudgedAt);
        Assert.Equal((0, 0, 1), (summary.Hits, summary.Missed, summary.Averted));
        Assert.Null(summary.HitRate);
    }

    [Fact]
    public void One_prediction_per_series_at_a_time_a_forecast_raised_again_meanwhile_changes_nothing()
    {
        Disk(T0, 80, Forecast(T0, TimeSpan.FromHours(24)));
        // Raised again with a later ETA an hour on, and again after a withdrawal: the first stands.
        Disk(T0.AddHours(1), 81, Forecast(T0.AddHours(1), TimeSpan.FromHours(60)));
        Disk(T0.AddHours(2), 81, null);
        Disk(T0.AddHours(3), 82, Forecast(T0.AddHours(3), TimeSpan.FromHours(70)));

        var waiting = Assert.Single(_check.Summary().Waiting);
        Assert.Equal((T0, T0.AddHours(24)), (waiting.RaisedAt, waiting.Eta));

        // Judged missed past its deadline (30 h); the forecast still standing then was raised before: not a new one.
        var stale = Forecast(T0.AddHours(3), TimeSpan.FromHours(70));
        Disk(T0.AddHours(4), T0.AddHours(31), _ => 85, stale);
        Assert.Equal((0, 1), (_check.Summary().Pending, _check.Summary().Missed));

        // A forecast raised after the judgement is the next prediction.
        Disk(T0.AddHours(32), 86, Forecast(T0.AddHours(32), TimeSpan.FromHours(30)));
        var next = Assert.Single(_check.Summary().Waiting);
        Assert.Equal(T0.AddHours(32), next.RaisedAt);
        Assert.True(next.Id > waiting.Id);
    }

    [Fact]
    public void A_forecast_beyond_a_week_or_replayed_from_history_is_not_checked()
    {
        Disk(T0, 80, Forecast(T0, TimeSpan.FromDays(8)));
        Assert.Equal(0, _check.Summary().Pending);

        // At start the forecaster replays history: what it raised then is not a new prediction now.
        _time.SetUtcNow(T0.AddHours(10));
        _check.Observe(ForecastMetric.DiskUsedPercent, "/srv", 95, T0.AddHours(8), 80, Forecast(T0.AddHours(8), TimeSpan.FromHours(30)));
        Assert.Equal(0, _check.Summary().Pending);
        _check.Observe(ForecastMetric.DiskUsedPercent, "/srv", 95, T0.AddHours(9.5), 80, Forecast(T0.AddHours(9.5), TimeSpan.FromHours(30)));
        Assert.Equal(1, _check.Summary().Pending);
    }

    [Fact]
    public void Memory_available_comes_true_by_falling_to_critical()
    {
        var forecast = Forecast(T0, TimeSpan.FromHours(12));
        for (var at = T0; at < T0.AddHours(12); at += Step)
        {
            _time.SetUtcNow(at);
            // Falls from 30 % to 9 % over 11 h; critical is 10 %.
            _check.Observe(ForecastMetric.MemoryAvailablePercent, "memory", 10, at, 30 - 21 * (at - T0).TotalHours / 11, forecast);
        }

        var hit = Assert.Single(_check.Summary().Recent);
        Assert.Equal(PredictionOutcome.Hit, hit.Outcome);
        Assert.InRange(hit.CrossedAt!.Value, T0.AddHours(10), T0.AddHours(11));
    }

    [Fact]
    public void A_restart_keeps_what_was_pending_and_judged_and_does_not_count_the_replayed_history_twice()
    {
        var forecast = Forecast(T0, TimeSpan.FromHours(24));
        Disk(T0, 80, forecast);
        Disk(T0 + Step, T0.AddHours(10), _ => 85, forecast);
        Disk(T0.AddHours(10), 85, Forecast(T0.AddHours(10), TimeSpan.FromHours(24)), "/srv");
        Assert.True(_check.Averted(ForecastMetric.DiskUsedPercent, "/srv", T0.AddHours(11)));
        var kept = _check.Unsaved();
        Assert.Equal(2, kept.Count);
        _check.Saved(kept);
        Assert.Empty(_check.Unsaved());

        var restarted = new ForecastCheck(_time);
        restarted.Load(kept);
        // The history replayed at start: the averted forecast is not raised again, the pending one not twice.
        for (var at = T0; at <= T0.AddHours(10); at += Step)
        {
            restarted.Observe(ForecastMetric.DiskUsedPercent, Var, 95, at, 85, forecast);
            restarted.Observe(ForecastMetric.DiskUsedPercent, "/srv", 95, at, 85, Forecast(T0.AddHours(10), TimeSpan.FromHours(24)));
        }
        var summary = restarted.Summary();
        Assert.Equal((1, 1), (summary.Pending, summary.Averted));
        Assert.Empty(restarted.Unsaved());

        // Live again: the pending one comes true and gets its own next number.
        for (var at = T0.AddHours(20); at < T0.AddHours(21); at += Step)
        {
            _time.SetUtcNow(at);
            restarted.Observe(ForecastMetric.DiskUsedPercent, Var, 95, at, 96, forecast);
        }
        Assert.Equal(PredictionOutcome.Hit, restarted.Summary().Recent[0].Outcome);
        Assert.Equal(kept.Single(p => p.Subject == Var).Id, restarted.Summary().Recent[0].Id);
        restarted.Observe(ForecastMetric.DiskUsedPercent, "/new", 95, T0.AddHours(21), 80, Forecast(T0.AddHours(21), TimeSpan.FromHours(24)));
        Assert.Equal(kept.Max(p => p.Id) + 1, restarted.Summary().Waiting.Single().Id);
    }

    [Fact]
    public void The_newest_judged_are_kept_and_the_totals_still_count_every_one()
    {
        // Raised and averted, over and over: a cleanup every few minutes.
        for (var i = 0; i < ForecastCheck.MaxJudged + 20; i++)
        {
            var at = T0.AddMinutes(i);
            Disk(at, 80, Forecast(at, TimeSpan.FromHours(24)));
            Assert.True(_check.Averted(ForecastMetric.DiskUsedPercent, Var, at));
        }

        var summary = _check.Summary(recent: 3);
        Assert.Equal(ForecastCheck.MaxJudged, summary.Averted);
        Assert.Equal([T0.AddMinutes(519), T0.AddMinutes(518), T0.AddMinutes(517)], summary.Recent.Select(p => p.RaisedAt));
        Assert.Equal(ForecastCheck.MaxJudged + 20, _check.Totals()[(ForecastMetric.DiskUsedPercent, PredictionOutcome.Averted)]);
    }

    [Fact]
    public void Through_the_forecast_watch_a_steady_fill_is_forecast_and_the_forecast_comes_true()
    {
        var watch = new ForecastWatch(new TestHealingConfig(new HealingOptions()), _check);
        var random = new Random(2);
        // 0.4 points an hour from 40 %: 95 % after 137.5 h; the forecaster speaks after 60 h.
        for (var i = 0; i < 150 * 12; i++)
        {
            var at = T0 + i * Step;
            _time.SetUtcNow(at);
            watch.Observe(new Sample(SampleMetric.DiskUsedPercent, Var, at, 40 + 0.4 * i / 12.0 + 0.05 * random.NextDouble()));
        }

        var summary = _check.Summary();
        var hit = Assert.Single(summary.Recent);
        Assert.Equal(PredictionOutcome.Hit, hit.Outcome);
        Assert.Equal(ForecastMetric.DiskUsedPercent, hit.Metric);
        Assert.InRange(hit.CrossedAt!.Value, T0.AddHours(137), T0.AddHours(138.5));
        Assert.True(hit.RaisedAt <= hit.CrossedAt.Value.AddHours(-24), $"raised at {hit.RaisedAt}, a day ahead at least");
        Assert.Equal(0, summary.Pending);
    }

    [Theory]
    [InlineData(12, 2, 3, "12 of 14 came true (86 %)")]
    [InlineData(1, 1, 0, "1 of 2 came true (50 %)")]
    [InlineData(0, 3, 0, "0 of 3 came true (0 %)")]
    [InlineData(0, 0, 4, "no forecast has come due yet")]
    public void The_headline_counts_hits_of_the_forecasts_that_came_due_and_leaves_averted_ones_out(int hits, int missed, int averted, string headline)
    {
        double? rate = hits + missed == 0 ? null : (double)hits / (hits + missed);
        Assert.Equal(headline, new ForecastCheckSummary(hits, missed, averted, 0, rate, [], []).Headline);
    }
}
