using Anna.Core.Vocabulary;
using System.Text.Json;
using Anna.Core.History;
using Anna.Core.Insights;
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
        var subjects = await SubjectsAsync(db, filter, cancellationToken);
        var total = await CountAsync(db, filter, subjects, cancellationToken);
        var offset = PageOffset.Of(page, pageSize);
        var rows = new List<ActionHistoryRow>();
        if (offset < total)
        {
            var matches = Filtered(db.ActionHistory.AsNoTracking(), filter, subjects, (long)offset + pageSize);
            if (offset >= DeepOffset && subjects is null && filter.From is null && filter.Until is null)
            {
                // Deep in a long history, OFFSET would step over every newer row; the daily counts say how
                // many rows the newer days hold, so the walk starts at the day the page falls in.
                var (before, skipped) = await DayOfOffsetAsync(db, filter, offset, cancellationToken);
                matches = matches.Where(h => h.StartedAt < before);
                offset -= skipped;
            }
            rows = await NewestFirst(matches).Skip(offset).Take(pageSize).ToListAsync(cancellationToken);
        }
        return new HistoryPage(rows.ConvertAll(HistoryMapping.ToEntry), page, pageSize, total);
    }

    /// <summary>From this offset on, a page starts its walk at the day it falls in (about two days of a busy host's rows).</summary>
    private const int DeepOffset = 5000;

    /// <summary>
    /// The end of the newest UTC day whose rows, with those of every newer day, reach past
    /// <paramref name="offset"/>, and how many rows the newer days hold: the page starts in that day.
    /// </summary>
    private static async Task<(DateTimeOffset Before, int Skipped)> DayOfOffsetAsync(AnnaDbContext db, HistoryFilter filter, int offset, CancellationToken cancellationToken)
    {
        var days = db.HistoryDailyCounts.AsNoTracking().Where(d => d.Count > 0);
        if (filter.IssueKind is { } kind)
            days = days.Where(d => d.IssueType == kind);
        if (filter.Action is { } action)
            days = days.Where(d => d.Action == action);
        if (filter.Outcome is { } outcome)
            days = days.Where(d => d.Outcome == outcome);
        var perDay = await days.GroupBy(d => d.Day).Select(g => new { Day = g.Key, Rows = g.Sum(d => d.Count) })
            .OrderByDescending(d => d.Day).ToListAsync(cancellationToken);
        long newer = 0;
        foreach (var day in perDay)
        {
            if (day.Day < 0)
                break; // before 1970 a day's number does not round down: plain OFFSET
            if (newer + day.Rows > offset)
                return (DateTimeOffset.FromUnixTimeMilliseconds((day.Day + 1) * HistoryCountTriggers.DayMs), (int)newer);
            newer += day.Rows;
        }
        return (DateTimeOffset.MaxValue, 0); // past the end: the walk finds nothing either way
    }

    public async Task<IReadOnlyList<HistoryEntry>> NewestAsync(HistoryFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subjects = await SubjectsAsync(db, filter, cancellationToken);
        var rows = await NewestFirst(Filtered(db.ActionHistory.AsNoTracking(), filter, subjects, limit)).Take(limit).ToListAsync(cancellationToken);
        return rows.ConvertAll(HistoryMapping.ToEntry);
    }

    public async Task<IReadOnlyList<HistoryEntry>> NewestToCountAsync(HistoryFilter filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subjects = await SubjectsAsync(db, filter, cancellationToken);
        // Every column but the two texts: no_space stands for what the detail said (set as it is written).
        var rows = await NewestFirst(Filtered(db.ActionHistory.AsNoTracking(), filter, subjects, limit)).Take(limit)
            .Select(h => new
            {
                h.Id, h.IssueType, h.Subject, h.Action, h.Category, h.Risk, h.Policy, h.Decision, h.Consent, h.Outcome,
                h.StartedAt, h.FinishedAt, h.DurationMs, h.NoSpace, h.SessionId, h.ApprovedBy,
            })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(h => new HistoryEntry
        {
            Id = h.Id, IssueKind = h.IssueType, Subject = h.Subject, Action = h.Action, Category = h.Category, Risk = h.Risk, Policy = h.Policy,
            Decision = h.Decision, Consent = h.Consent, Reason = "", Outcome = h.Outcome, StartedAt = h.StartedAt, FinishedAt = h.FinishedAt,
            DurationMs = h.DurationMs, Detail = h.NoSpace ? RootCauses.NoSpaceMarkers[0] : "", SessionId = h.SessionId, ApprovedBy = h.ApprovedBy,
        });
    }

    // Id breaks ties between entries started in the same millisecond: later insert first. The started_at
    // index and each (filter column, started_at) index serve this order (their entries carry the rowid),
    // so a page is a walk down an index range, not a sort of every match.
    private static IQueryable<ActionHistoryRow> NewestFirst(IQueryable<ActionHistoryRow> rows) =>
        rows.OrderByDescending(h => h.StartedAt).ThenByDescending(h => h.Id);

    /// <summary>
    /// What "subject contains …" matches, looked up in the per-subject counts (a few thousand rows, not
    /// the history): the subjects and how many rows name them. Null when the filter has no subject text.
    /// </summary>
    private static async Task<SubjectMatches?> SubjectsAsync(AnnaDbContext db, HistoryFilter filter, CancellationToken cancellationToken)
    {
        if (filter.SubjectText is not { } subject)
            return null;
        var pattern = LikePattern(subject);
        var matches = await db.HistorySubjectCounts.AsNoTracking()
            .Where(s => s.Count > 0 && EF.Functions.Like(s.Subject, pattern, LikeEscape))
            .Select(s => new { s.Subject, s.Count })
            .ToListAsync(cancellationToken);
        var history = await db.HistorySubjectCounts.SumAsync(s => s.Count, cancellationToken);
        return new SubjectMatches(matches.ConvertAll(m => m.Subject), matches.Sum(m => m.Count), history);
    }

    /// <summary>
    /// How many rows match. The whole history, a subject alone, and the issue type, action and outcome
    /// filters over whole UTC days are sums of the counts the triggers keep; only the part of a time
    /// range that is not a whole day is counted row by row, through its index.
    /// </summary>
    private static async Task<long> CountAsync(AnnaDbContext db, HistoryFilter filter, SubjectMatches? subjects, CancellationToken cancellationToken)
    {
        if (subjects is not null)
        {
            if (subjects.Rows == 0)
                return 0;
            return (filter with { Subject = null }).IsEmpty
                ? subjects.Rows
                : await Filtered(db.ActionHistory, filter, subjects, rowsWanted: 0).LongCountAsync(cancellationToken);
        }
        var from = filter.From?.ToUnixTimeMilliseconds();
        var until = filter.Until?.ToUnixTimeMilliseconds();
        if (from < 0 || until < 0)
            return await Filtered(db.ActionHistory, filter, null, 0).LongCountAsync(cancellationToken);
        // Whole days [firstDay, endDay) come from the daily counts; what lies before and after them, from rows.
        var firstDay = from is { } f ? (f + HistoryCountTriggers.DayMs - 1) / HistoryCountTriggers.DayMs : long.MinValue;
        var endDay = until is { } u ? u / HistoryCountTriggers.DayMs : long.MaxValue;
        if (firstDay >= endDay)
            return await Filtered(db.ActionHistory, filter, null, 0).LongCountAsync(cancellationToken);
        var days = db.HistoryDailyCounts.AsNoTracking().Where(d => d.Day >= firstDay && d.Day < endDay);
        if (filter.IssueKind is { } kind)
            days = days.Where(d => d.IssueType == kind);
        if (filter.Action is { } action)
            days = days.Where(d => d.Action == action);
        if (filter.Outcome is { } outcome)
            days = days.Where(d => d.Outcome == outcome);
        var total = await days.SumAsync(d => d.Count, cancellationToken);
        if (filter.From is { } start && from != firstDay * HistoryCountTriggers.DayMs)
        {
            var head = filter with { Until = DateTimeOffset.FromUnixTimeMilliseconds(firstDay * HistoryCountTriggers.DayMs) };
            total += await Filtered(db.ActionHistory, head, null, 0).LongCountAsync(cancellationToken);
        }
        if (filter.Until is not null && until != endDay * HistoryCountTriggers.DayMs)
        {
            var tail = filter with { From = DateTimeOffset.FromUnixTimeMilliseconds(endDay * HistoryCountTriggers.DayMs) };
            total += await Filtered(db.ActionHistory, tail, null, 0).LongCountAsync(cancellationToken);
        }
        return total;
    }

    /// <summary>
    /// Whole UTC days of the period are sums of the daily tallies the triggers keep; the hours before the
    /// first and after the last whole day are tallied from their rows, through the started_at index.
    /// </summary>
    public async Task<IReadOnlyList<HistoryTally>> TallyAsync(DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (until <= from)
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tallies = new List<HistoryTally>();
        if (from < DateTimeOffset.UnixEpoch)
        {
            // Before 1970 a day's number does not round down: those rows (normally none, an index seek to find out) one by one.
            tallies.AddRange(await TallyRowsAsync(db, from, until < DateTimeOffset.UnixEpoch ? until : DateTimeOffset.UnixEpoch, cancellationToken));
            if (until <= DateTimeOffset.UnixEpoch)
                return HistoryTally.Sum(tallies);
            from = DateTimeOffset.UnixEpoch;
        }
        var (start, end) = (from.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds());
        var firstDay = (start + HistoryCountTriggers.DayMs - 1) / HistoryCountTriggers.DayMs;
        var endDay = end / HistoryCountTriggers.DayMs;
        if (firstDay >= endDay)
        {
            tallies.AddRange(await TallyRowsAsync(db, from, until, cancellationToken));
            return HistoryTally.Sum(tallies);
        }
        var days = await db.HistoryDailyCounts.AsNoTracking()
            .Where(d => d.Day >= firstDay && d.Day < endDay)
            .GroupBy(d => new { d.IssueType, d.Action, d.Outcome })
            .Select(g => new { g.Key.IssueType, g.Key.Action, g.Key.Outcome, Count = g.Sum(d => d.Count), Automatic = g.Sum(d => d.Automatic), DurationMs = g.Sum(d => d.DurationMs) })
            .ToListAsync(cancellationToken);
        tallies.AddRange(days.ConvertAll(d => new HistoryTally(d.IssueType, d.Action, d.Outcome, d.Count, d.Automatic, d.DurationMs)));
        tallies.AddRange(await TallyRowsAsync(db, from, DateTimeOffset.FromUnixTimeMilliseconds(firstDay * HistoryCountTriggers.DayMs), cancellationToken));
        tallies.AddRange(await TallyRowsAsync(db, DateTimeOffset.FromUnixTimeMilliseconds(endDay * HistoryCountTriggers.DayMs), until, cancellationToken));
        return HistoryTally.Sum(tallies);
    }

    private static async Task<List<HistoryTally>> TallyRowsAsync(AnnaDbContext db, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (until <= from)
            return [];
        var rows = await db.ActionHistory.AsNoTracking()
            .Where(h => h.StartedAt >= from && h.StartedAt < until)
            .GroupBy(h => new { h.IssueType, h.Action, h.Outcome })
            .Select(g => new
            {
                g.Key.IssueType, g.Key.Action, g.Key.Outcome,
                Count = g.LongCount(), Automatic = g.LongCount(h => h.ApprovedBy == null), DurationMs = g.Sum(h => h.DurationMs),
            })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new HistoryTally(r.IssueType, r.Action, r.Outcome, r.Count, r.Automatic, r.DurationMs));
    }

    /// <summary>The same rules as <see cref="HistoryFilter.Matches"/>, as SQL; every value is a parameter.</summary>
    /// <param name="rowsWanted">How far down the newest-first order the read goes (offset and page); 0 for a count.</param>
    private static IQueryable<ActionHistoryRow> Filtered(IQueryable<ActionHistoryRow> rows, HistoryFilter filter, SubjectMatches? subjects, long rowsWanted)
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
            if (subjects is not null && subjects.FewerThanAWalk(rowsWanted))
            {
                // Few rows: found through the subject index, then sorted — a few index seeks.
                var names = subjects.Names;
                rows = rows.Where(h => names.Contains(h.Subject));
            }
            else
            {
                // Many: the walk down started_at meets a page of them at once. LIKE folds ASCII case, as
                // the filter promises; the person's % and _ are literal.
                var pattern = LikePattern(subject);
                rows = rows.Where(h => EF.Functions.Like(h.Subject, pattern, LikeEscape));
            }
        }
        return rows;
    }

    private static string LikePattern(string subject) => "%" + EscapeLike(subject) + "%";

    public async Task<HistoryPruned> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Oldest first down ix_action_history_started_at. Kept: an action in progress (start-up recovery
        // finishes or rolls it back from its journal record) and one still undoable (undo needs its record;
        // rollback retention expires it within rollback_timeout, and the next pass takes it).
        var ids = await db.ActionHistory.AsNoTracking()
            .Where(h => h.StartedAt < before && h.Outcome != ActionOutcome.InProgress)
            .Where(h => !db.ActionJournal.Any(j => j.Id == h.Id && j.UndoState == UndoState.Undoable))
            .OrderBy(h => h.StartedAt)
            .Take(limit)
            .Select(h => h.Id)
            .ToListAsync(cancellationToken);
        var deleted = 0;
        if (ids.Count > 0)
        {
            // The journal record first: it points at the row (the cascade would do it too, when foreign keys are on).
            await db.ActionJournal.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
            deleted = await db.ActionHistory.Where(h => ids.Contains(h.Id)).ExecuteDeleteAsync(cancellationToken);
            // The triggers counted the rows down; counts that reached zero are of no use.
            await db.HistoryDailyCounts.Where(d => d.Count <= 0).ExecuteDeleteAsync(cancellationToken);
            await db.HistorySubjectCounts.Where(c => c.Count <= 0).ExecuteDeleteAsync(cancellationToken);
        }
        // Resolved occurrences, oldest first down ix_issues_last_seen; an open issue is kept however old.
        var issues = db.Issues.Where(i => i.LastSeen < before && i.ResolvedAt != null).OrderBy(i => i.LastSeen).Take(limit).Select(i => i.Id);
        var resolved = await db.Issues.Where(i => issues.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new HistoryPruned(deleted, resolved);
    }

    public async Task<HistoryEntry?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ActionHistory.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, cancellationToken);
        return row is null ? null : HistoryMapping.ToEntry(row);
    }

    private static string EscapeLike(string text) =>
        text.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    /// <summary>The subjects a text matches, how many history rows name them, and how many rows the history holds.</summary>
    private sealed record SubjectMatches(List<string> Names, long Rows, long HistoryRows)
    {
        /// <summary>
        /// Whether reading the matches through the subject index (about <see cref="Rows"/> rows, then a sort)
        /// costs less than walking newest first until <paramref name="rowsWanted"/> of them have passed
        /// (about rowsWanted × HistoryRows / Rows rows). A count reads every match either way: seek.
        /// </summary>
        public bool FewerThanAWalk(long rowsWanted) => rowsWanted == 0 || (double)Rows * Rows <= (double)rowsWanted * HistoryRows;
    }

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
