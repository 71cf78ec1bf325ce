using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Rollback;
using Anna.Core.Samples;
using Anna.Core.Sessions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Server.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite store in <paramref name="dataDirectory"/> (see
    /// <see cref="AnnaDataDirectory.Resolve(IConfiguration)"/>). Touches no files: call
    /// <see cref="AnnaStoreInitializer.InitializeAsync"/> before the host starts.
    /// </summary>
    public static IServiceCollection AddAnnaStore(this IServiceCollection services, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return services.AddAnnaStore(_ => new AnnaStoreLocation(Path.GetFullPath(dataDirectory)));
    }

    /// <summary>
    /// Registers the store with its directory resolved from the host's configuration when the
    /// container is built, so that whoever builds the host (Program, tests) can still set
    /// <c>Anna:DataDir</c> after this call.
    /// </summary>
    public static IServiceCollection AddAnnaStore(this IServiceCollection services) =>
        services.AddAnnaStore(sp => new AnnaStoreLocation(Path.GetFullPath(
            AnnaDataDirectory.Resolve(sp.GetRequiredService<IConfiguration>()))));

    private static IServiceCollection AddAnnaStore(this IServiceCollection services, Func<IServiceProvider, AnnaStoreLocation> location)
    {
        services.AddSingleton(location);
        // Pooled: every store call takes a context, and a new one resolved EF's internal services for each
        // (about 12 % of the daemon's CPU under 500 API requests a second); a pooled one is reset and reused.
        services.AddPooledDbContextFactory<AnnaDbContext>((sp, options) => options
            .UseSqlite(ConnectionString(sp.GetRequiredService<AnnaStoreLocation>()))
            // The model compiled ahead (Persistence/CompiledModel): building it from OnModelCreating took
            // 310-530 ms of each start, the compiled one loads in about 80 ms. After changing the model:
            // dotnet ef dbcontext optimize --project Anna.Server --output-dir Persistence/CompiledModel --namespace Anna.Server.Persistence.CompiledModel
            // and delete the AnnaDbContextAssemblyAttributes.cs it writes (the model is named here instead);
            // CompiledModelTests fails while the two differ.
            .UseModel(CompiledModel.AnnaDbContextModel.Instance)
            .AddInterceptors(new ConnectionPragmasInterceptor(), new StoreFailureInterceptor(sp.GetRequiredService<StoreSpace>())),
            ContextPoolSize);
        // The store alone (tools, tests) has no host around it: no engine's watch status, no settings.
        services.TryAddSingleton<WatchStatus>();
        services.AddSingleton(sp => new StoreSpace(sp.GetRequiredService<AnnaStoreLocation>(), sp.GetRequiredService<WatchStatus>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetService<IConfiguration>(),
            sp.GetService<ILogger<StoreSpace>>() ?? NullLogger<StoreSpace>.Instance));
        // Try: the host's clock (a fake one in tests) wins when it is registered.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IHistoryStore, EfHistoryStore>();
        services.AddSingleton<IActionJournal, EfActionJournal>();
        services.AddSingleton<IBreakerStore, EfBreakerStore>();
        services.AddSingleton<IApprovalStore, EfApprovalStore>();
        services.AddSingleton<ISessionStore, EfSessionStore>();
        services.AddSingleton<IHealingSwitchStore, EfHealingSwitchStore>();
        services.AddSingleton<EfWebhookOutbox>();
        services.AddSingleton<ISampleStore, EfSampleStore>();
        services.AddSingleton<IIssueLog, EfIssueLog>();
        services.AddSingleton<EfForecastCheckStore>();
        return services;
    }

    /// <summary>Contexts kept for reuse: more than the store's callers ever hold at once (the API's requests in flight and the engine's writes).</summary>
    private const int ContextPoolSize = 64;

    private static string ConnectionString(AnnaStoreLocation location) => new SqliteConnectionStringBuilder
    {
        DataSource = location.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // Pooling keeps connections (and SQLite's page cache) across operations; one
        // context per operation would otherwise reopen the file every time.
        Pooling = true,
    }.ToString();
}
