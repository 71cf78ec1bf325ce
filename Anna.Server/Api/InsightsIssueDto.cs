namespace Anna.Server.Api;

/// <summary>One issue kind: occurrences, and its fixes' attempts, successes, rate and average duration; the newest history ids.</summary>
public sealed record InsightsIssueDto(string IssueKind, int Occurrences, int Attempts, int Successes, double? SuccessRate, double AverageDurationMs, IReadOnlyList<long> HistoryIds);
