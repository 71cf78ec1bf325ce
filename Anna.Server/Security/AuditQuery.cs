namespace Anna.Server.Security;

/// <summary>Filters of <c>GET /api/v1/audit</c>; null means "any".</summary>
public sealed record AuditQuery(string? Who, string? Door, int? Status, DateTimeOffset? From, DateTimeOffset? Until, int Page, int PageSize);
