using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Server.Persistence;

namespace Anna.Server.Hosting;

/// <summary>
/// What must hold before Anna serves or heals: the store is migrated, the policy file is good,
/// and state that survives restarts (circuit breakers, the healing switch, the forecast self-check) is loaded.
/// </summary>
/// <remarks>
/// The steps that do not depend on each other run side by side (measured with <see cref="StartupClock"/>
/// on 2 busy cores: one after another, the policy and the four reads took 290-400 ms after the store
/// was ready, side by side 140-210 ms; it is mostly first-time query compilation, CPU work a second
/// core can share). SQLite's async calls complete synchronously, so each step gets its own
/// thread-pool task to overlap at all.
/// </remarks>
internal static class AnnaStartup
{
    /// <summary>The newest history rows replayed into <see cref="CategoryTrust"/>: far more than its windows need.</summary>
    private const int TrustHistoryRows = 500;

    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        // The policy file is read while the store opens: neither needs the other.
        var policy = Task.Run(() => services.GetRequiredService<IHealingConfig>(), cancellationToken);
        // A bad store is still reported first, as before (a bad policy's error then goes unobserved).
        await AnnaStoreInitializer.InitializeAsync(services, cancellationToken);
        StartupClock.Mark("store");
        await policy;
        StartupClock.Mark("policy");
        // Each reads its own rows through its own context, after the migration above.
        await Task.WhenAll(
            Task.Run(() => services.GetRequiredService<HealingCircuitBreaker>().InitializeAsync(cancellationToken), cancellationToken),
            Task.Run(() => services.GetRequiredService<HealingSwitch>().InitializeAsync(cancellationToken), cancellationToken),
            // What healing learned from its own results (categories that ask first) is read back from history.
            Task.Run(async () =>
            {
                var recent = await services.GetRequiredService<IHistoryStore>().ListAsync(1, TrustHistoryRows, cancellationToken);
                services.GetRequiredService<CategoryTrust>().Replay(recent.Items);
            }, cancellationToken),
            // Before the sample writer starts and the forecasts replay their history.
            Task.Run(() => services.GetRequiredService<ForecastCheckKeeper>().LoadAsync(cancellationToken), cancellationToken));
        // The journal's write path is warmed once Anna serves (JournalWarmUpWorker), not here.
        StartupClock.Mark("state loaded");
    }
}
