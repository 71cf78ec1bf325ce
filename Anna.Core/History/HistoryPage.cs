namespace Anna.Core.History;

/// <summary>A page of history, newest first.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, int Page, int PageSize, long Total);
