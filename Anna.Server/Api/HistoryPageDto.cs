namespace Anna.Server.Api;

/// <summary>GET /api/v1/history: a page of history, newest first.</summary>
public sealed record HistoryPageDto(IReadOnlyList<HistoryEntryDto> Items, int Page, int PageSize, long Total);
