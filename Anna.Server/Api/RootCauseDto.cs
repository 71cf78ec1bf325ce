namespace Anna.Server.Api;

/// <summary>
/// A root cause: what the evidence shows, what to do, the exact command where there is one, the rows it
/// stands on, and for a unit its last log lines from journald (empty where journald has none).
/// </summary>
public sealed record RootCauseDto(string Kind, string Subject, string Finding, string Recommendation, string? Command,
    IReadOnlyList<long> HistoryIds, IReadOnlyList<long> IssueIds, IReadOnlyList<string> LogLines);
