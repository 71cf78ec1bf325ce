using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Security;

/// <summary>The append-only record of state changes, sign-ins and refusals. Nothing updates or deletes a row.</summary>
public sealed class AuditTrail(IDbContextFactory<AnnaDbContext> contexts, TimeProvider time, ILogger<AuditTrail> logger)
{
    public async Task RecordAsync(AnnaIdentity? who, string action, string? target, int status, string? peer, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.Audit.Add(new AuditRow
            {
                At = time.GetUtcNow(),
                Who = who?.Name ?? "anonymous",
                Role = who?.Role.ToString().ToLowerInvariant() ?? "none",
                Door = who?.Door.ToString().ToLowerInvariant() ?? "none",
                Action = action,
                Target = target,
                Status = status,
                Peer = peer,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The audit must never take a request down; a lost row is logged where an admin looks.
            logger.LogError(ex, "Could not record audit row for {Action} by {Who}", action, who?.Name ?? "anonymous");
        }
    }

    /// <summary>Newest first, one page, with the total of matching rows.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Items, long Total)> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Audit.AsNoTracking();
        if (query.Who is { } who)
            rows = rows.Where(r => r.Who == who);
        if (query.Door is { } door)
            rows = rows.Where(r => r.Door == door);
        if (query.Status is { } status)
            rows = rows.Where(r => r.Status == status);
        if (query.From is { } from)
            rows = rows.Where(r => r.At >= from);
        if (query.Until is { } until)
            rows = rows.Where(r => r.At < until);
        var total = await rows.LongCountAsync(cancellationToken);
        var page = await rows.OrderByDescending(r => r.Id)
            .Skip(PageOffset.Of(query.Page, query.PageSize)).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return (page.ConvertAll(r => new AuditEntry(r.Id, r.At, r.Who, r.Role, r.Door, r.Action, r.Target, r.Status, r.Peer)), total);
    }
}
