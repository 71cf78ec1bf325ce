using Anna.Server.Security;

namespace Anna.Server.Api;

public sealed record AuditPageDto(IReadOnlyList<AuditEntry> Items, int Page, int PageSize, long Total);
