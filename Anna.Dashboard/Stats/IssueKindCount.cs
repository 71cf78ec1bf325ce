namespace Anna.Dashboard.Stats;

/// <summary>How many history entries an issue kind produced.</summary>
public sealed record IssueKindCount(string IssueKind, int Count);
