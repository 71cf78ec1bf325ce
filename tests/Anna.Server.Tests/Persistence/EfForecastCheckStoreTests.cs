using Anna.Core.Prediction;
using Anna.Server.Hosting;
using Anna.Server.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Server.Tests.Persistence;

/// <summary>The forecast self-check's record on a real SQLite file, across a restart of the daemon.</summary>
public sealed class EfForecastCheckStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static ExhaustionForecast Forecast(DateTimeOffset at, TimeSpan ahead) => new(at.UtcDateTime, (at + ahead).UtcDateTime, 0.87, 0.4, 80);

    private static ForecastCheckKeeper Keeper(ForecastCheck check, IServiceProvider services, TimeProvider time) =>
        new(check, services.GetRequiredService<EfForecastCheckStore>(), time, NullLogger<ForecastCheckKeeper>.Instance);

    [Fact]
    public async Task A_restart_keeps_the_pending_forecasts_and_the_judged_ones_and_judges_the_pending_from_later_samples()
    {
        await using var temp = await TempStore.CreateAsync();
        var time = new FakeTimeProvider(T0);
        var before = new ForecastCheck(time);
        before.Observe(ForecastMetric.DiskUsedPercent, "/var", 95, T0, 80.5, Forecast(T0, TimeSpan.FromHours(30)));
        before.Observe(ForecastMetric.MemoryAvailablePercent, "memory", 10, T0, 22, Forecast(T0, TimeSpan.FromHours(20)));
        Assert.True(before.Averted(ForecastMetric.MemoryAvailablePercent, "memory", T0.AddHours(1)));
        await Keeper(before, temp.Services, time).SaveAsync(None);
        Assert.Empty(before.Unsaved());

        await using var restarted = await temp.RestartAsync();
        var after = new ForecastCheck(time);
        var keeper = Keeper(after, restarted, time);
        await keeper.LoadAsync(None);

        var loaded = after.Summary();
        Assert.Equal((1, 1), (loaded.Pending, loaded.Averted));
        var pending = Assert.Single(loaded.Waiting);
        Assert.Equal(new ForecastPrediction(1, ForecastMetric.DiskUsedPercent, "/var", T0, T0.AddHours(30), 0.87, 80.5, 95), pending);
        var averted = Assert.Single(loaded.Recent);
        Assert.Equal((ForecastMetric.MemoryAvailablePercent, PredictionOutcome.Averted, T0.AddHours(1)), (averted.Metric, averted.Outcome, averted.JudgedAt));

        // The disk crosses 26 h after the forecast: the pending one comes true, and that is stored too.
        for (var at = T0.AddHours(26); at < T0.AddHours(27); at += TimeSpan.FromMinutes(5))
        {
            time.SetUtcNow(at);
            after.Observe(ForecastMetric.DiskUsedPercent, "/var", 95, at, 95.5, null);
        }
        await keeper.SaveAsync(None);
        var stored = await restarted.GetRequiredService<EfForecastCheckStore>().LoadAsync(None);
        var hit = stored.Single(p => p.Subject == "/var");
        Assert.Equal((PredictionOutcome.Hit, T0.AddHours(26)), (hit.Outcome, hit.CrossedAt));
        Assert.Equal(2, stored.Count);
    }

    [Fact]
    public async Task The_store_keeps_the_newest_judged_predictions_and_every_pending_one()
    {
        await using var temp = await TempStore.CreateAsync();
        var store = temp.Services.GetRequiredService<EfForecastCheckStore>();
        var judged = Enumerable.Range(1, ForecastCheck.MaxJudged + 10).Select(i =>
            new ForecastPrediction(i, ForecastMetric.DiskUsedPercent, "/var", T0.AddHours(i), T0.AddHours(i + 24), 0.9, 80, 95,
                PredictionOutcome.Missed, T0.AddHours(i + 30))).ToList();
        var pending = new ForecastPrediction(ForecastCheck.MaxJudged + 11, ForecastMetric.DiskUsedPercent, "/srv", T0, T0.AddDays(2), 0.9, 80, 95);

        // An early pending one first, then the judged ones in two batches.
        await store.SaveAsync([pending], None);
        await store.SaveAsync(judged[..300], None);
        await store.SaveAsync(judged[300..], None);

        var kept = await store.LoadAsync(None);
        Assert.Equal(ForecastCheck.MaxJudged + 1, kept.Count);
        Assert.Contains(pending, kept);
        Assert.Equal(Enumerable.Range(11, ForecastCheck.MaxJudged).Select(i => (long)i), kept.Where(p => p.Outcome == PredictionOutcome.Missed).Select(p => p.Id));
    }
}
