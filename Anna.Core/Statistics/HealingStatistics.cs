using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Rollback;

namespace Anna.Core.Statistics;

/// <summary>
/// Figures for the stats page, computed from history entries alone so they can be checked without
/// rendering. A "heal" is an action that actually ran and finished: success, failed, or rolled back
/// (a failure Anna took back). Suggestions, queued, rejected, deferred, dry-run and still running
/// entries are counted in the outcome mix only, and an undo is a person's reversal, not a heal.
/// </summary>
public sealed class HealingStatistics
{
    public const int DaysShown = 14;

    /// <summary>The assumed time a person would have spent doing one heal by hand.</summary>
    public static readonly TimeSpan PersonTimePerHeal = TimeSpan.FromMinutes(5);

    private HealingStatistics() { }

    public int Entries { get; private init; }
    public int Heals { get; private init; }
    public int Successes { get; private init; }
    public int AutomaticSuccesses { get; private init; }

    /// <summary>Heals that failed and were put back by auto_rollback_on_failure.</summary>
    public int RolledBack { get; private init; }

    /// <summary>Actions a person undid afterwards (successful undo entries).</summary>
    public int Undone { get; private init; }

    /// <summary>How often a heal ended rolled back: rolled back / heals; null before anything ran.</summary>
    public double? RollbackRate => Heals == 0 ? null : (double)RolledBack / Heals;

    /// <summary>Successes over heals; null before anything ran.</summary>
    public double? SuccessRate => Heals == 0 ? null : (double)Successes / Heals;

    public TimeSpan TimeSaved => PersonTimePerHeal * AutomaticSuccesses;

    /// <summary>Oldest first, one entry per day for the last <see cref="DaysShown"/> days ending today.</summary>
    public IReadOnlyList<DailySuccessRate> SuccessRateByDay { get; private init; } = [];

    /// <summary>Most frequent first; ties by name so the chart does not reshuffle between refreshes.</summary>
    public IReadOnlyList<IssueKindCount> CommonIssues { get; private init; } = [];

    /// <summary>Slowest median first.</summary>
    public IReadOnlyList<HealDuration> TimeToHeal { get; private init; } = [];

    /// <summary>Every outcome, in enum order, zero counts included.</summary>
    public IReadOnlyList<OutcomeCount> Outcomes { get; private init; } = [];

    public int Count(ActionOutcome outcome) => Outcomes.FirstOrDefault(o => o.Outcome == outcome)?.Count ?? 0;

    /// <summary>Every figure from the same entries (all of a history, or a test's).</summary>
    /// <param name="now">Decides which days are "the last 14".</param>
    /// <param name="zone">Days are the host's calendar days: the page is read by that host's admin.</param>
    public static HealingStatistics From(IEnumerable<HistoryEntry> entries, DateTimeOffset now, TimeZoneInfo zone)
    {
        var list = entries as IReadOnlyList<HistoryEntry> ?? entries.ToList();
        var byDay = list.ToLookup(e => LocalDay(e.StartedAt, zone));
        return From(HistoryTally.Of(list), [.. LastDays(now, zone).Select(day => new DayTallies(day, HistoryTally.Of(byDay[day])))], list);
    }

    /// <param name="history">The whole history's tallies: every count.</param>
    /// <param name="days">The tallies of each of the last <see cref="DaysShown"/> days, oldest first (<see cref="LastDays"/>).</param>
    /// <param name="newest">The newest entries read: time to heal, a median no tally keeps.</param>
    public static HealingStatistics From(IReadOnlyList<HistoryTally> history, IReadOnlyList<DayTallies> days, IReadOnlyList<HistoryEntry> newest)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(newest);
        var heals = history.Where(IsHeal).ToList();
        var successes = heals.Where(t => t.Outcome == ActionOutcome.Success).ToList();
        return new HealingStatistics
        {
            Entries = Sum(history),
            Heals = Sum(heals),
            Successes = Sum(successes),
            // Approved actions needed a person's decision, so they save less of a person's time.
            AutomaticSuccesses = (int)successes.Sum(t => t.Automatic),
            RolledBack = Sum(heals.Where(t => t.Outcome == ActionOutcome.RolledBack)),
            Undone = Sum(history.Where(t => IsUndo(t.Action) && t.Outcome == ActionOutcome.Success)),
            SuccessRateByDay = [.. days.Select(d =>
            {
                var dayHeals = d.Tallies.Where(IsHeal).ToList();
                return new DailySuccessRate(d.Day, Sum(dayHeals), Sum(dayHeals.Where(t => t.Outcome == ActionOutcome.Success)));
            })],
            // An undo is about an issue already counted by the action it reverses.
            CommonIssues = history.Where(t => !IsUndo(t.Action)).GroupBy(t => t.IssueKind)
                .Select(g => new IssueKindCount(g.Key, Sum(g)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.IssueKind, StringComparer.Ordinal)
                .ToList(),
            TimeToHeal = newest.Where(e => IsHeal(e) && e.Outcome == ActionOutcome.Success).GroupBy(e => e.IssueKind)
                .Select(g => Durations(g.Key, g.Select(e => e.DurationMs)))
                .OrderByDescending(d => d.MedianMs).ThenBy(d => d.IssueKind, StringComparer.Ordinal)
                .ToList(),
            Outcomes = Enum.GetValues<ActionOutcome>()
                .Select(o => new OutcomeCount(o, Sum(history.Where(t => t.Outcome == o))))
                .ToList(),
        };
    }

    /// <summary>The last <see cref="DaysShown"/> calendar days of <paramref name="zone"/> ending today, oldest first.</summary>
    public static IReadOnlyList<DateOnly> LastDays(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = LocalDay(now, zone);
        return [.. Enumerable.Range(0, DaysShown).Select(i => today.AddDays(i - (DaysShown - 1)))];
    }

    /// <summary>Where a calendar day of <paramref name="zone"/> begins, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a clock change: the day begins at the first instant that exists.
        while (zone.IsInvalidTime(midnight))
            midnight = midnight.AddMinutes(15);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }

    private static int Sum(IEnumerable<HistoryTally> tallies) => (int)tallies.Sum(t => t.Count);

    private static bool IsHeal(HistoryEntry e) => IsHeal(e.Outcome, e.Action);

    private static bool IsHeal(HistoryTally t) => IsHeal(t.Outcome, t.Action);

    private static bool IsHeal(ActionOutcome outcome, string action) =>
        (outcome is ActionOutcome.Success or ActionOutcome.Failed or ActionOutcome.RolledBack) && !IsUndo(action);

    private static bool IsUndo(string action) => action == UndoService.UndoActionName;

    private static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static HealDuration Durations(string issueKind, IEnumerable<long> durationsMs)
    {
        var sorted = durationsMs.Order().ToArray();
        return new HealDuration(issueKind, sorted.Length, Median(sorted), Percentile(sorted, 0.9));
    }

    private static double Median(long[] sorted)
    {
        if (sorted.Length == 0)
            return 0;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    // Nearest rank: the value at or below which p of the durations lie — always one that happened.
    private static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
            return 0;
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
