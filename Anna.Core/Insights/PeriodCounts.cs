using Anna.Core.History;

namespace Anna.Core.Insights;

/// <summary>
/// What a period holds, counted in full by the stores however much it is: the history's tallies and how many
/// occurrences of each issue kind were seen. A report's figures come from these; what it quotes (root causes,
/// ids) from the newest rows it read.
/// </summary>
public sealed record PeriodCounts(IReadOnlyList<HistoryTally> Actions, IReadOnlyDictionary<string, int> Occurrences)
{
    /// <summary>The counts of rows and occurrences at hand, as the stores count theirs.</summary>
    public static PeriodCounts Of(DateTimeOffset from, DateTimeOffset until, IEnumerable<HistoryEntry> history, IEnumerable<IssueRecord> issues) => new(
        HistoryTally.Of(history.Where(h => h.StartedAt >= from && h.StartedAt < until)),
        issues.Where(i => i.LastSeen >= from && i.FirstSeen < until).CountBy(i => i.Kind, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal));
}
