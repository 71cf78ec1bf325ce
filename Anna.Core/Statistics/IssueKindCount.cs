namespace Anna.Core.Statistics;

/// <summary>How many history entries an issue kind produced.</summary>
public sealed record IssueKindCount(string IssueKind, int Count);
