using Anna.Core.Vocabulary;
using Anna.Core.Breaker;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary><see cref="IBreakerStore"/> on SQLite; a singleton taking one context per operation.</summary>
public sealed class EfBreakerStore(IDbContextFactory<AnnaDbContext> contexts) : IBreakerStore
{
    public async Task<IReadOnlyList<BreakerRecord>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Breakers
            .AsNoTracking()
            .OrderBy(b => b.Subject)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(BreakerMapping.ToRecord);
    }

    public async Task SaveAsync(BreakerRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.Failures);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var state = EnumNames<BreakerState>.ToName(record.State);
        var failures = BreakerMapping.FailuresToJson(record.Failures);
        var openedAt = record.OpenedAt?.ToUnixTimeMilliseconds();
        // One statement, so a save racing another for the same subject replaces it instead
        // of failing on the primary key; the last save wins whole, never half of each.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO breakers (subject, state, failures, opened_at, trips)
            VALUES ({record.Subject}, {state}, {failures}, {openedAt}, {record.Trips})
            ON CONFLICT (subject) DO UPDATE SET
                state = excluded.state,
                failures = excluded.failures,
                opened_at = excluded.opened_at,
                trips = excluded.trips
            """,
            cancellationToken);
    }
}
