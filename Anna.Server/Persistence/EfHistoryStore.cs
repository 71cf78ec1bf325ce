using Anna.Core.Vocabulary;
using System.Text.Json;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Rollback;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Persistence;

/// <summary>
/// <see cref="IHistoryStore"/> on SQLite. A singleton: every operation takes its own context
/// from the factory, so callers on many threads never share change tracking; SQLite (WAL)
/// serialises the writes and Microsoft.Data.Sqlite waits out a busy database.
/// </summary>
public sealed class EfHistoryStore(IDbContextFactory<AnnaDbContext> contexts) : IHistoryStore
{
    public const int MaxPageSize = 500;

    private const string LikeEscape = "\\";

    public async Task<long> AppendAsync(HistoryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = HistoryMapping.ToRow(entry);
        db.ActionHistory.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    public Task<HistoryPage> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        ListAsync(HistoryFilter.None, page, pageSize, cancellationToken);

    public async Task<HistoryPage> ListAsync(HistoryFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matches = Filtered(db.ActionHistory.AsNoTracking(), filter);
        var total = await matches.LongCountAsync(cancellationToken);
        var rows = await matches
            // Id breaks ties between entries started in the same millisecond: later insert first.
            // ix_action_history_started_at serves this order (its entries carry the rowid), so a
            // page deep in a long history is an index walk, not a sort of every row.
            .OrderByDescending(h => h.StartedAt).ThenByDescending(h => h.Id)
            .Skip(PageOffset.Of(page, pageSize))
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new HistoryPage(rows.ConvertAll(HistoryMapping.ToEntry), page, pageSize, total);
    }

    public async Task<HistoryEntry?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ActionHistory.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        return row is null ? null : HistoryMapping.ToEntry(row);
    }

    /// <summary>The same rules as <see cref="HistoryFilter.Matches"/>, as SQL; every value is a parameter.</summary>
    private static IQueryable<ActionHistoryRow> Filtered(IQueryable<ActionHistoryRow> rows, HistoryFilter filter)
    {
        if (filter.IssueKind is { } kind)
            rows = rows.Where(h => h.IssueType == kind);
        if (filter.Action is { } action)
            rows = rows.Where(h => h.Action == action);
        if (filter.Outcome is { } outcome)
            rows = rows.Where(h => h.Outcome == outcome);
        // started_at is stored as Unix milliseconds; the converter turns these bounds into the same.
        if (filter.From is { } from)
            rows = rows.Where(h => h.StartedAt >= from);
        if (filter.Until is { } until)
            rows = rows.Where(h => h.StartedAt < until);
        if (filter.SubjectText is { } subject)
        {
            // LIKE folds ASCII case, as the filter promises; the person's % and _ are literal.
            var pattern = "%" + EscapeLike(subject) + "%";
            rows = rows.Where(h => EF.Functions.Like(h.Subject, pattern, LikeEscape));
        }
        return rows;
    }

    private static string EscapeLike(string text) =>
        text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    public async Task<IReadOnlyList<SuccessRate>> SuccessRatesAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only actions that actually ran count as attempts: suggestions, approvals still
        // waiting and dry runs say nothing about whether the fix works, and an action still
        // in progress has no verdict yet. Rolled back is a failed attempt (the fix did not hold,
        // or was cut off). An undo is a person's choice, not a fix: it counts neither way.
        var groups = await db.ActionHistory
            .AsNoTracking()
            .Where(h => h.Outcome == ActionOutcome.Success || h.Outcome == ActionOutcome.Failed || h.Outcome == ActionOutcome.RolledBack)
            .Where(h => h.Action != UndoService.UndoActionName)
            .Where(h => since == null || h.StartedAt >= since)
            .GroupBy(h => h.IssueType)
            .Select(g => new
            {
                IssueType = g.Key,
                Attempts = g.Count(),
                Successes = g.Count(h => h.Outcome == ActionOutcome.Success),
                AverageDurationMs = g.Average(h => (double)h.DurationMs),
            })
            .OrderBy(g => g.IssueType)
            .ToListAsync(cancellationToken);
        return groups.ConvertAll(g => new SuccessRate(
            g.IssueType, g.Attempts, g.Successes, (double)g.Successes / g.Attempts, g.AverageDurationMs));
    }

    public async Task RecordIssueAsync(Issue issue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issue);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var severity = EnumNames<IssueSeverity>.ToName(issue.Severity);
        var evidence = JsonSerializer.Serialize(issue.Evidence);
        var firstSeen = issue.FirstSeen.ToUnixTimeMilliseconds();
        var lastSeen = issue.LastSeen.ToUnixTimeMilliseconds();
        // One statement, so two threads reporting the same issue cannot both insert (or
        // lose each other's refresh). The conflict target names the partial unique index
        // (key WHERE resolved_at IS NULL): a resolved row never blocks a new occurrence.
        // Summary, severity and evidence take the latest report; first_seen is kept.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO issues (kind, subject, "key", severity, summary, evidence, first_seen, last_seen, resolved_at)
            VALUES ({issue.Kind}, {issue.Subject}, {issue.Key}, {severity}, {issue.Summary}, {evidence}, {firstSeen}, {lastSeen}, NULL)
            ON CONFLICT ("key") WHERE resolved_at IS NULL DO UPDATE SET
                severity = excluded.severity,
                summary = excluded.summary,
                evidence = excluded.evidence,
                last_seen = MAX(last_seen, excluded.last_seen)
            """,
            cancellationToken);
    }

    public async Task ResolveIssueAsync(string key, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Resolving an issue that is not open is not an error: a probe may report "gone" twice.
        await db.Issues
            .Where(i => i.Key == key && i.ResolvedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.ResolvedAt, resolvedAt), cancellationToken);
    }
}
