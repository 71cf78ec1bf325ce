using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Server.Persistence;

namespace Anna.Server.Hosting;

/// <summary>
/// What must hold before Anna serves or heals: the store is migrated, the policy file is good,
/// and state that survives restarts (circuit breakers, the healing switch) is loaded.
/// </summary>
internal static class AnnaStartup
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await AnnaStoreInitializer.InitializeAsync(services, cancellationToken);
        services.GetRequiredService<IHealingConfig>();
        await services.GetRequiredService<HealingCircuitBreaker>().InitializeAsync(cancellationToken);
        await services.GetRequiredService<HealingSwitch>().InitializeAsync(cancellationToken);
        if (services.GetRequiredService<IActionJournal>() is EfActionJournal journal)
            await journal.WarmUpAsync(cancellationToken);
    }
}
