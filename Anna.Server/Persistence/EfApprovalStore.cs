using Anna.Core.Vocabulary;
using Anna.Core.Approvals;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary><see cref="IApprovalStore"/> on SQLite; a singleton taking one context per operation.</summary>
public sealed class EfApprovalStore(IDbContextFactory<AnnaDbContext> contexts) : IApprovalStore
{
    public async Task AddAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Approvals.Add(ApprovalMapping.ToRow(request));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task UpdateAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Updating a request that was never added is a bug in the caller: saying so beats
        // quietly creating a decision nobody queued.
        var row = await db.Approvals.FindAsync([request.Id], cancellationToken)
            ?? throw new KeyNotFoundException($"No approval request {request.Id} in the store.");
        db.Entry(row).CurrentValues.SetValues(ApprovalMapping.ToRow(request));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ApprovalRequest?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return row is null ? null : ApprovalMapping.ToRequest(row);
    }

    public async Task<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Approvals.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(a => a.Status == wanted);
        }
        // Id only makes the order of same-millisecond requests stable; it carries no meaning.
        var rows = await query
            .OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(ApprovalMapping.ToRequest);
    }

    public async Task<IReadOnlyList<ApprovalStats>> StatsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only a person's decision counts: pending and expired requests say nothing about
        // whether people want this fix for this kind of issue.
        var groups = await db.Approvals
            .AsNoTracking()
            .Where(a => a.Status == ApprovalStatus.Approved || a.Status == ApprovalStatus.Rejected)
            .GroupBy(a => new { a.IssueKind, a.Category })
            .Select(g => new
            {
                g.Key.IssueKind,
                g.Key.Category,
                Approved = g.Count(a => a.Status == ApprovalStatus.Approved),
                Rejected = g.Count(a => a.Status == ApprovalStatus.Rejected),
            })
            .ToListAsync(cancellationToken);
        return groups
            .Select(g => new ApprovalStats(g.IssueKind, g.Category.ToName(), g.Approved, g.Rejected))
            .OrderBy(s => s.IssueType, StringComparer.Ordinal).ThenBy(s => s.Category, StringComparer.Ordinal)
            .ToList();
    }
}
