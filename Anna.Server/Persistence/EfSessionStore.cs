using Anna.Core.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary><see cref="ISessionStore"/> on SQLite; a singleton taking one context per operation.</summary>
public sealed class EfSessionStore(IDbContextFactory<AnnaDbContext> contexts) : ISessionStore
{
    public const int MaxPageSize = 500;

    public async Task SaveAsync(HealingSessionRecord session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = SessionMapping.ToRow(session);
        // Read, then insert or replace. Only the engine pass that owns a session saves it,
        // one save after the other, so two writers never race for the same id.
        var existing = await db.HealingSessions.FindAsync([session.Id], cancellationToken);
        if (existing is null)
        {
            db.HealingSessions.Add(row);
        }
        else
        {
            db.Entry(existing).CurrentValues.SetValues(row);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Oldest first through ix_healing_sessions_started_at; one statement, one short write.
        var oldest = db.HealingSessions.Where(s => s.StartedAt < before && s.FinishedAt != null).OrderBy(s => s.StartedAt).Take(limit).Select(s => s.Id);
        return await db.HealingSessions.Where(s => oldest.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<HealingSessionRecord>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.HealingSessions
            .AsNoTracking()
            // Id only makes the order of same-millisecond sessions stable across pages. Both descending, so
            // ix_healing_sessions_started_at_id serves the whole order (a mixed order sorted every row it passed).
            .OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id)
            .Skip(PageOffset.Of(page, pageSize))
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(SessionMapping.ToRecord);
    }
}
