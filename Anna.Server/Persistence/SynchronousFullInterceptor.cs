using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Anna.Server.Persistence;

/// <summary>
/// Every connection runs with <c>PRAGMA synchronous=FULL</c>: in WAL mode a commit is then on disk
/// (fsync) before it returns, which the action journal's write-ahead promise rests on — an intent
/// or rollback step that a power cut could undo would be worse than none. The setting is per
/// connection, so it is applied on each open.
/// </summary>
internal sealed class SynchronousFullInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL";
        command.ExecuteNonQuery();
    }
}
