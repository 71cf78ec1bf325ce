using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Anna.Server.Persistence;

/// <summary>
/// Per-connection settings, applied on every open (SQLite keeps them per connection):
/// <list type="bullet">
/// <item><c>synchronous=FULL</c>: in WAL mode a commit is on disk (fsync) before it returns, which
/// the action journal's write-ahead promise rests on — an intent or rollback step that a power cut
/// could undo would be worse than none.</item>
/// <item><c>busy_timeout</c>: when another connection is writing, SQLite itself waits for the lock
/// in steps of a few milliseconds. Without it Microsoft.Data.Sqlite retries a busy write after a
/// fixed 150 ms sleep, and the journal's intent — written before a restart — would put that delay
/// between a crash and its heal whenever a probe happens to be writing too.</item>
/// <item><c>cache_size=-512</c>: each pooled connection keeps at most 512 KiB of pages instead of
/// SQLite's 2 MiB; the store is small and the kernel's page cache holds the file anyway, while
/// every pooled connection's own cache is the daemon's resident memory.</item>
/// </list>
/// </summary>
internal sealed class ConnectionPragmasInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-512;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
