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

    public static InsightsReport Build(
        DateTimeOffset from,
        DateTimeOffset until,
        IReadOnlyList<HistoryEntry> history,
        IReadOnlyList<IssueRecord> issues,
        IReadOnlyList<DiskGrowth> diskGrowth,
        IReadOnlySet<ActionCategory> autoHeal,
        double manualFixMinutes)
    {
        var inPeriod = history.Where(h => h.StartedAt >= from && h.StartedAt < until && h.Action != UndoService.UndoActionName).ToList();
        var seen = issues.Where(i => i.LastSeen >= from && i.FirstSeen < until).ToList();
        var heals = inPeriod.Where(IsHeal).ToList();
        var successes = heals.Where(h => h.Outcome == ActionOutcome.Success).ToList();
        // Each row and issue is looked at once per figure, not once per kind: a month at scale is 10,000 rows.
        var occurrencesByKind = seen.CountBy(i => i.Kind, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var rowsByKind = inPeriod.ToLookup(h => h.IssueKind, StringComparer.Ordinal);
        var kinds = seen.Select(i => i.Kind).Concat(inPeriod.Select(h => h.IssueKind)).Distinct(StringComparer.Ordinal);
        var common = kinds.Select(kind =>
            {
                var rows = rowsByKind[kind];
                var kindHeals = rows.Where(IsHeal).ToList();
                return new IssueKindInsight(
                    kind,
                    // History from before issues were recorded still counts: at least one occurrence per subject acted on.
                    Math.Max(occurrencesByKind.GetValueOrDefault(kind), rows.Select(h => h.Subject).Distinct(StringComparer.Ordinal).Count()),
                    kindHeals.Count,
                    kindHeals.Count(h => h.Outcome == ActionOutcome.Success),
                    kindHeals.Count == 0 ? 0 : kindHeals.Average(h => (double)h.DurationMs),
                    [.. rows.Select(h => h.Id).OrderDescending().Take(MaxIdsPerKind)]);
            })
            .OrderByDescending(k => k.Occurrences).ThenByDescending(k => k.Attempts).ThenBy(k => k.IssueKind, StringComparer.Ordinal)
            .ToList();
        return new InsightsReport
        {
            From = from,
            Until = until,
            CommonIssues = common,
            Attempts = heals.Count,
            Successes = successes.Count,
            AutomaticSuccesses = successes.Count(h => h.ApprovedBy is null),
            ManualFixMinutes = manualFixMinutes,
            RootCauses = Insights.RootCauses.Find(inPeriod, seen, diskGrowth, autoHeal),
        };
    }

    private static bool IsHeal(HistoryEntry e) => e.Outcome is ActionOutcome.Success or ActionOutcome.Failed or ActionOutcome.RolledBack;
}
