namespace Anna.Core.Insights;

/// <summary>
/// One issue kind over the period: how often it occurred, and how its fixes did. Attempts are
/// fixes that ran and finished (success, failed or rolled back); <see cref="Rate"/> is null when none ran.
/// </summary>
public sealed record IssueKindInsight(
    string IssueKind,
    int Occurrences,
    int Attempts,
    int Successes,
    double AverageDurationMs,
    IReadOnlyList<long> HistoryIds)
{
    public double? Rate => Attempts == 0 ? null : (double)Successes / Attempts;
}
