using Anna.Core.Vocabulary;

namespace Anna.Core.History;

/// <summary>
/// How many history entries of one issue type, action and outcome a period holds, how many of them no
/// person approved, and their durations summed: what a report counts, without reading the entries.
/// </summary>
/// <param name="Automatic">Entries without an approver: Anna acted on its own.</param>
/// <param name="DurationMs">The entries' durations added up; divided by a count it is their average.</param>
public sealed record HistoryTally(string IssueKind, string Action, ActionOutcome Outcome, long Count, long Automatic, long DurationMs)
{
    /// <summary>The tallies of entries at hand, as a store keeps them for its whole history.</summary>
    public static IReadOnlyList<HistoryTally> Of(IEnumerable<HistoryEntry> entries) =>
        Sum(entries.Select(e => new HistoryTally(e.IssueKind, e.Action, e.Outcome, 1, e.ApprovedBy is null ? 1 : 0, e.DurationMs)));

    /// <summary>Adds up tallies of the same issue type, action and outcome (whole days and the hours around them).</summary>
    public static IReadOnlyList<HistoryTally> Sum(IEnumerable<HistoryTally> tallies) =>
        [.. tallies.GroupBy(t => (t.IssueKind, t.Action, t.Outcome))
            .Select(g => new HistoryTally(g.Key.IssueKind, g.Key.Action, g.Key.Outcome,
                g.Sum(t => t.Count), g.Sum(t => t.Automatic), g.Sum(t => t.DurationMs)))
            .Where(t => t.Count > 0)
            .OrderBy(t => t.IssueKind, StringComparer.Ordinal).ThenBy(t => t.Action, StringComparer.Ordinal).ThenBy(t => t.Outcome)];
}
