namespace Anna.Dashboard.Audit;

/// <summary>One audited request: when, who with which role through which door, what, and how it ended.</summary>
public sealed record AuditLogRow(DateTimeOffset At, string Who, string Role, string Door, string Action, string? Target, int Status);
