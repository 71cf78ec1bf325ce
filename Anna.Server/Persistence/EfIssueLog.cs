using System.Text.Json;
using Anna.Core.Insights;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary><see cref="IIssueLog"/> on the <c>issues</c> table: every occurrence, open or resolved, with its latest evidence.</summary>
public sealed class EfIssueLog(IDbContextFactory<AnnaDbContext> contexts) : IIssueLog
{
    public async Task<IReadOnlyList<IssueRecord>> SeenSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Issues.AsNoTracking()
            .Where(i => i.LastSeen >= since)
            .OrderByDescending(i => i.Id).Take(limit)
            // What a record holds, not the key, severity and summary: a report reads thousands of these.
            .Select(i => new { i.Id, i.Kind, i.Subject, i.Evidence, i.FirstSeen, i.LastSeen, i.ResolvedAt })
            .ToListAsync(cancellationToken);
        rows.Reverse();
        return rows.ConvertAll(r => new IssueRecord(r.Id, r.Kind, r.Subject, Evidence(r.Evidence), r.FirstSeen, r.LastSeen, r.ResolvedAt));
    }

    /// <summary>One count per kind, down the last_seen index: no row is read into memory.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByKindAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Issues.AsNoTracking()
            .Where(i => i.LastSeen >= from && i.FirstSeen < until)
            .GroupBy(i => i.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Kind, c => c.Count, StringComparer.Ordinal);
    }

    private static IReadOnlyDictionary<string, string> Evidence(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>(); // a row written by hand or by an older Anna: no evidence rather than no insights
        }
    }
}
