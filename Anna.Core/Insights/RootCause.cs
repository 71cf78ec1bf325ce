namespace Anna.Core.Insights;

/// <summary>
/// Why something keeps happening, as far as Anna's evidence shows, and what would stop it.
/// <paramref name="Command"/> is the exact command that applies the recommendation, when there is one;
/// the ids are the history rows and issue occurrences the finding stands on.
/// </summary>
public sealed record RootCause(
    string Kind,
    string Subject,
    string Finding,
    string Recommendation,
    string? Command,
    IReadOnlyList<long> HistoryIds,
    IReadOnlyList<long> IssueIds)
{
    /// <summary>The unit's last log lines, where the cause is a unit's and its log could be read; empty otherwise.</summary>
    public IReadOnlyList<string> LogLines { get; init; } = [];
}
