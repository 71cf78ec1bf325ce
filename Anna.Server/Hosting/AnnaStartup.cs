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
internal static class AnnaStartup
{
    /// <summary>The newest history rows replayed into <see cref="CategoryTrust"/>: far more than its windows need.</summary>
    private const int TrustHistoryRows = 500;

    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await AnnaStoreInitializer.InitializeAsync(services, cancellationToken);
        services.GetRequiredService<IHealingConfig>();
        await services.GetRequiredService<HealingCircuitBreaker>().InitializeAsync(cancellationToken);
        await services.GetRequiredService<HealingSwitch>().InitializeAsync(cancellationToken);
        // What healing learned from its own results (categories that ask first) is read back from history.
        var recent = await services.GetRequiredService<IHistoryStore>().ListAsync(1, TrustHistoryRows, cancellationToken);
        services.GetRequiredService<CategoryTrust>().Replay(recent.Items);
        // The journal's write path is warmed once Anna serves (JournalWarmUpWorker), not here.
        // Before the sample writer starts and the forecasts replay their history.
        await services.GetRequiredService<ForecastCheckKeeper>().LoadAsync(cancellationToken);
    }
}
