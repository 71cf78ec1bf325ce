using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Engine;
using Anna.Core.History;
using Anna.Core.Sessions;
using Anna.Server.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Persistence;

/// <summary>A real SQLite store in a temp directory of its own, removed on dispose.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TempStore(string root, ServiceProvider services)
    {
        Root = root;
        _services = services;
    }

    /// <summary>The test's own directory; the data directory is a child so its creation is exercised too.</summary>
    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    public string DatabasePath => AnnaDataDirectory.DatabasePath(DataDirectory);

    public IServiceProvider Services => _services;

    public IHistoryStore Store => _services.GetRequiredService<IHistoryStore>();

    public IBreakerStore Breakers => _services.GetRequiredService<IBreakerStore>();

    public IApprovalStore Approvals => _services.GetRequiredService<IApprovalStore>();

    public ISessionStore Sessions => _services.GetRequiredService<ISessionStore>();

    public IHealingSwitchStore Switch => _services.GetRequiredService<IHealingSwitchStore>();

    /// <param name="configure">Runs after the store is registered, e.g. to replace the clock.</param>
    public static async Task<TempStore> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), $"anna-store-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var collection = new ServiceCollection().AddAnnaStore(Path.Combine(root, "data"));
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        var store = new TempStore(root, services);
        try
        {
            await AnnaStoreInitializer.InitializeAsync(services);
            return store;
        }
        catch
        {
            // The test never gets the store to dispose, so clean up here.
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A second, independent container on the same file, as a restarted daemon would build;
    /// initialized like at start-up. The caller disposes it.
    /// </summary>
    public async Task<ServiceProvider> RestartAsync()
    {
        var services = new ServiceCollection().AddAnnaStore(DataDirectory).BuildServiceProvider();
        await AnnaStoreInitializer.InitializeAsync(services);
        return services;
    }

    /// <summary>A plain connection, outside EF, to check what is really in the file.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
