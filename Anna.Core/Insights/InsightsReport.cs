using Anna.Core.History;
using Anna.Core.Rollback;
using Anna.Core.Vocabulary;

namespace Anna.Core.Insights;

/// <summary>
/// What history teaches about one period: the most common issues with how their fixes did, the
/// overall success rate ("94 % (47/50 auto-heal attempts)"), the time saved under a stated
/// assumption, and the root causes the evidence supports. Built by <see cref="Build"/>, a pure
/// function of the rows, so every figure can be checked against generated history.
/// </summary>
public sealed record InsightsReport
{
    /// <summary>History ids listed per issue kind at most; the counts are over all of them.</summary>
    public const int MaxIdsPerKind = 50;

    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset Until { get; init; }

    /// <summary>Most occurrences first; ties by name.</summary>
    public required IReadOnlyList<IssueKindInsight> CommonIssues { get; init; }

    /// <summary>Fixes that ran and finished (success, failed, rolled back); undo is a person's act, not a fix.</summary>
    public required int Attempts { get; init; }
    public required int Successes { get; init; }
    /// <summary>Successful fixes no person had to approve.</summary>
    public required int AutomaticSuccesses { get; init; }
    public double? SuccessRate => Attempts == 0 ? null : (double)Successes / Attempts;

    /// <summary>The assumption behind <see cref="TimeSavedMinutes"/>: a person's minutes per fix Anna made on its own.</summary>
    public required double ManualFixMinutes { get; init; }
    public double TimeSavedMinutes => AutomaticSuccesses * ManualFixMinutes;

    public required IReadOnlyList<RootCause> RootCauses { get; init; }

    /// <summary>"Success Rate: 94% (47/50 auto-heal attempts)", or that nothing ran.</summary>
    public string SuccessLine => SuccessRate is { } rate
        ? $"Success Rate: {rate * 100:0}% ({Successes}/{Attempts} auto-heal attempts)"
        : "Success Rate: no auto-heal attempts in this period";

    /// <summary>Root causes and the ids listed come from these many of the period's actions, the newest; every count is over all of them.</summary>
    public required int ActionsRead { get; init; }

    /// <summary>How many actions the period holds (undo not counted).</summary>
    public required long ActionsInPeriod { get; init; }

    /// <summary>A report from every history entry and issue occurrence of the period: the counts are their own.</summary>
    public static InsightsReport Build(
        DateTimeOffset from,
        DateTimeOffset until,
        IReadOnlyList<HistoryEntry> history,
        IReadOnlyList<IssueRecord> issues,
        IReadOnlyList<DiskGrowth> diskGrowth,
        IReadOnlySet<ActionCategory> autoHeal,
        double manualFixMinutes) =>
        Build(from, until, PeriodCounts.Of(from, until, history, issues), history, issues, diskGrowth, autoHeal, manualFixMinutes);

    /// <param name="counts">The whole period's counts (<see cref="IHistoryStore.TallyAsync"/>, <see cref="IIssueLog.CountByKindAsync"/>): attempts, successes, time saved, occurrences.</param>
    /// <param name="history">The period's entries read (the newest, up to a limit): root causes and the ids a figure links to.</param>
    /// <param name="issues">The period's issue occurrences read (the newest, up to a limit): root causes.</param>
    public static InsightsReport Build(
        DateTimeOffset from,
        DateTimeOffset until,
        PeriodCounts counts,
        IReadOnlyList<HistoryEntry> history,
        IReadOnlyList<IssueRecord> issues,
        IReadOnlyList<DiskGrowth> diskGrowth,
        IReadOnlySet<ActionCategory> autoHeal,
        double manualFixMinutes)
    {
        var inPeriod = history.Where(h => h.StartedAt >= from && h.StartedAt < until && h.Action != UndoService.UndoActionName).ToList();
        var seen = issues.Where(i => i.LastSeen >= from && i.FirstSeen < until).ToList();
        var counted = counts.Actions.Where(t => t.Action != UndoService.UndoActionName && t.Count > 0).ToList();
        var heals = counted.Where(t => IsHeal(t.Outcome)).ToList();
        var successes = heals.Where(t => t.Outcome == ActionOutcome.Success).ToList();
        // Each row and issue is looked at once per figure, not once per kind: a month at scale is 10,000 rows.
        var rowsByKind = inPeriod.ToLookup(h => h.IssueKind, StringComparer.Ordinal);
        var healsByKind = heals.ToLookup(t => t.IssueKind, StringComparer.Ordinal);
        var kinds = counts.Occurrences.Where(o => o.Value > 0).Select(o => o.Key).Concat(counted.Select(t => t.IssueKind)).Concat(inPeriod.Select(h => h.IssueKind)).Distinct(StringComparer.Ordinal);
        var common = kinds.Select(kind =>
            {
                var rows = rowsByKind[kind];
                var kindHeals = healsByKind[kind].ToList();
                var attempts = kindHeals.Sum(t => t.Count);
                return new IssueKindInsight(
                    kind,
                    // History from before issues were recorded still counts: at least one occurrence per subject acted on.
                    Math.Max(counts.Occurrences.GetValueOrDefault(kind), rows.Select(h => h.Subject).Distinct(StringComparer.Ordinal).Count()),
                    (int)attempts,
                    (int)kindHeals.Where(t => t.Outcome == ActionOutcome.Success).Sum(t => t.Count),
                    attempts == 0 ? 0 : (double)kindHeals.Sum(t => t.DurationMs) / attempts,
                    [.. rows.Select(h => h.Id).OrderDescending().Take(MaxIdsPerKind)]);
            })
            .OrderByDescending(k => k.Occurrences).ThenByDescending(k => k.Attempts).ThenBy(k => k.IssueKind, StringComparer.Ordinal)
            .ToList();
        return new InsightsReport
        {
            From = from,
            Until = until,
            CommonIssues = common,
            Attempts = (int)heals.Sum(t => t.Count),
            Successes = (int)successes.Sum(t => t.Count),
            AutomaticSuccesses = (int)successes.Sum(t => t.Automatic),
            ManualFixMinutes = manualFixMinutes,
            RootCauses = Insights.RootCauses.Find(inPeriod, seen, diskGrowth, autoHeal),
            ActionsRead = inPeriod.Count,
            ActionsInPeriod = counted.Sum(t => t.Count),
        };
    }

    /// <summary>A fix that ran and finished: success, failed, rolled back.</summary>
    private static bool IsHeal(ActionOutcome outcome) => outcome is ActionOutcome.Success or ActionOutcome.Failed or ActionOutcome.RolledBack;
}
