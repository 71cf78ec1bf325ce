namespace Anna.Dashboard.Audit;

/// <summary>One page of the audit trail and how many rows match in all.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditLogRow> Rows, long Total);
