namespace Anna.Server.Api;

/// <summary>POST /api/v1/approvals: approve or reject one or several queued actions.</summary>
public sealed record ApprovalDecisionRequest(IReadOnlyList<Guid>? Ids, string? Decision, bool PerSession);
