using Anna.Server.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>
/// The webhook deliveries on SQLite: written before they are sent, finished once the receiver
/// answered or every try failed (the dead letters), delivered ones pruned after a week.
/// </summary>
public sealed class EfWebhookOutbox(IDbContextFactory<AnnaDbContext> contexts)
{
    public const int MaxPageSize = 200;

    public async Task AddAsync(IReadOnlyList<WebhookDeliveryRow> deliveries, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Pending deliveries, oldest first, leaving out <paramref name="inFlight"/>.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> PendingAsync(IReadOnlyCollection<long> inFlight, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.State == WebhookDeliveryState.Pending && !inFlight.Contains(d.Id))
            .OrderBy(d => d.Id).Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Records how a delivery ended: delivered, or dead with the last error.</summary>
    public async Task FinishAsync(long id, WebhookDeliveryState state, int attempts, string? lastError, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(set => set
            .SetProperty(d => d.State, state)
            .SetProperty(d => d.Attempts, d => d.Attempts + attempts)
            .SetProperty(d => d.LastAttemptAt, at)
            .SetProperty(d => d.LastError, lastError)
            .SetProperty(d => d.DeliveredAt, state == WebhookDeliveryState.Delivered ? at : null), cancellationToken);
    }

    /// <summary>A dead letter goes back to the queue; false when there is no dead delivery with that id.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.Where(d => d.Id == id && d.State == WebhookDeliveryState.Dead)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.State, WebhookDeliveryState.Pending), cancellationToken) == 1;
    }

    /// <summary>Newest first; all states when <paramref name="state"/> is null.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> ListAsync(WebhookDeliveryState? state, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.WebhookDeliveries.AsNoTracking();
        if (state is { } wanted)
            rows = rows.Where(d => d.State == wanted);
        return await rows.OrderByDescending(d => d.Id)
            .Skip(PageOffset.Of(Math.Max(page, 1), pageSize)).Take(pageSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Deletes deliveries that reached their receiver before <paramref name="before"/>; dead letters stay.</summary>
    public async Task<int> PruneDeliveredAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries
            .Where(d => d.State == WebhookDeliveryState.Delivered && d.DeliveredAt < before)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
