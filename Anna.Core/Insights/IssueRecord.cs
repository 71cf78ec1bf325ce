namespace Anna.Core.Insights;

/// <summary>One occurrence of an issue as the store keeps it: from first sight until resolved, with the latest evidence.</summary>
public sealed record IssueRecord(
    long Id,
    string Kind,
    string Subject,
    IReadOnlyDictionary<string, string> Evidence,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? ResolvedAt);
