using Anna.Core.Linux.FileSystem;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>
/// Brings the store up to date at start-up. A static call rather than a hosted service so
/// the host can await it before anything else starts: hosted services (the engine) that
/// write history from their first tick would otherwise race the migration, and a store
/// that cannot be opened should stop start-up with a non-zero exit before listening.
/// </summary>
public static class AnnaStoreInitializer
{
    /// <summary>Creates the data directory (0700) if missing, applies migrations and switches the database to WAL.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be opened or written; the message says why.</exception>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var location = services.GetRequiredService<AnnaStoreLocation>();
        try
        {
            await OpenAsync(services, location, cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw new StoreUnavailableException(location.DatabasePath, ReadOnly(location.DataDirectory) ? "its filesystem is read-only" : ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException(location.DatabasePath, ex.Message, ex);
        }
    }

    private static async Task OpenAsync(IServiceProvider services, AnnaStoreLocation location, CancellationToken cancellationToken)
    {
        AnnaDataDirectory.EnsureExists(location.DataDirectory);

        var contexts = services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Asking first is cheaper than Migrate on a store that is up to date (the usual restart):
        // Migrate also builds the migrations' model to compare it with the current one.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers (dashboard, API) run while the engine writes. The mode is stored
        // in the database file, so setting it once here holds for every later connection.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (mode != "wal")
            {
                throw new InvalidOperationException(
                    $"SQLite refused WAL mode for {location.DatabasePath} (journal_mode is '{mode}').");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        OwnerOnly(location.DatabasePath);
    }

    /// <summary>SQLite says only "unable to open database file"; the mount says why.</summary>
    private static bool ReadOnly(string directory)
    {
        try
        {
            return Directory.Exists(directory) && FileSystemUsage.Of(directory).ReadOnly;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The store holds session and token hashes and the audit trail: owner-only whatever the directory
    /// allows (an admin may have opened the data directory, or pointed Anna:DataDir somewhere shared).
    /// </summary>
    private static void OwnerOnly(string databasePath)
    {
        foreach (var file in (string[])[databasePath, databasePath + "-wal", databasePath + "-shm"])
        {
            if (File.Exists(file) && !File.GetAttributes(file).HasFlag(FileAttributes.ReparsePoint))
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
