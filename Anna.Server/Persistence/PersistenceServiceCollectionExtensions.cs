using Anna.Core.History;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
        var location = new AnnaStoreLocation(Path.GetFullPath(dataDirectory));
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = location.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooling keeps connections (and SQLite's page cache) across operations; one
            // context per operation would otherwise reopen the file every time.
            Pooling = true,
        }.ToString();

        services.AddSingleton(location);
        services.AddDbContextFactory<AnnaDbContext>(options => options.UseSqlite(connectionString));
        services.AddSingleton<IHistoryStore, EfHistoryStore>();
        return services;
    }
}
