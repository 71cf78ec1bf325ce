using Anna.Server.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// A store file as an older Anna left it: the schema up to a named migration, rows written by raw SQL
/// with the columns that schema had. <see cref="UpgradeAsync"/> opens it as a newer Anna's start-up does.
/// </summary>
internal sealed class OlderStore : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"anna-migrate-{Guid.NewGuid():N}");
    private ServiceProvider? _upgraded;

    private OlderStore()
    {
    }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The file at <paramref name="migration"/>, with what <paramref name="write"/> put in it.</summary>
    public static async Task<OlderStore> CreateAsync(string migration, Func<AnnaDbContext, Task> write)
    {
        var store = new OlderStore();
        try
        {
            await using (var old = new ServiceCollection().AddAnnaStore(store.DataDirectory).BuildServiceProvider())
            {
                AnnaDataDirectory.EnsureExists(store.DataDirectory);
                await using var db = await old.GetRequiredService<IDbContextFactory<AnnaDbContext>>().CreateDbContextAsync();
                await db.GetService<IMigrator>().MigrateAsync(migration);
                await write(db);
            }
            SqliteConnection.ClearAllPools();
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>The store as this version opens it at start-up: migrated, ready for use.</summary>
    public async Task<IServiceProvider> UpgradeAsync()
    {
        _upgraded = new ServiceCollection().AddAnnaStore(DataDirectory).BuildServiceProvider();
        await AnnaStoreInitializer.InitializeAsync(_upgraded);
        return _upgraded;
    }

    public async ValueTask DisposeAsync()
    {
        if (_upgraded is not null)
            await _upgraded.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
