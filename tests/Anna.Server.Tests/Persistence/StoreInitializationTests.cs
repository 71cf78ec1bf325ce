using System.Runtime.Versioning;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Persistence;

public sealed class StoreInitializationTests
{
    [Fact]
    public async Task Fresh_database_is_migrated_in_wal_mode_with_every_table()
    {
        await using var temp = await TempStore.CreateAsync();

        Assert.True(File.Exists(temp.DatabasePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(temp.DatabasePath));
        using var connection = temp.OpenRaw();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", pragma.ExecuteScalar());

        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }
        Assert.Contains("issues", names);
        Assert.Contains("action_history", names);
        Assert.Contains("breakers", names);
        Assert.Contains("approvals", names);
        Assert.Contains("healing_sessions", names);
        Assert.Contains("settings", names);
        Assert.Contains("__EFMigrationsHistory", names);
    }

    [Fact]
    public async Task Migrations_match_the_model()
    {
        await using var temp = await TempStore.CreateAsync();
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();

        // A model change without a migration would pass every other test on a fresh file
        // and then fail on a real host that migrates instead.
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Initializing_twice_is_harmless()
    {
        await using var temp = await TempStore.CreateAsync();

        await AnnaStoreInitializer.InitializeAsync(temp.Services);

        using var connection = temp.OpenRaw();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", pragma.ExecuteScalar());
    }

    [Fact]
    [SupportedOSPlatform("linux")] // Anna is a Linux daemon; modes are Unix-only.
    public async Task Data_directory_is_created_owner_only()
    {
        await using var temp = await TempStore.CreateAsync();

        var mode = File.GetUnixFileMode(temp.DataDirectory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
    }
}
