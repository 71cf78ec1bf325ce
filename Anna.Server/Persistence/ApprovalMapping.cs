using Anna.Core.Approvals;

namespace Anna.Server.Persistence;

/// <summary>Between the Core's approval request and its row.</summary>
internal static class ApprovalMapping
{
    public static ApprovalRow ToRow(ApprovalRequest request) => new()
    {
        Id = request.Id,
        IssueKey = request.IssueKey,
        IssueKind = request.IssueKind,
        Subject = request.Subject,
        Action = request.Action,
        Category = request.Category,
        Risk = request.Risk,
        DryRun = request.DryRun,
        Reason = request.Reason,
        CreatedAt = request.CreatedAt,
        ExpiresAt = request.ExpiresAt,
        Status = request.Status,
        DecidedBy = request.DecidedBy,
        DecidedAt = request.DecidedAt,
        SessionId = request.SessionId,
    };

    public static ApprovalRequest ToRequest(ApprovalRow row) => new()
    {
        Id = row.Id,
        IssueKey = row.IssueKey,
        IssueKind = row.IssueKind,
        Subject = row.Subject,
        Action = row.Action,
        Category = row.Category,
        Risk = row.Risk,
        DryRun = row.DryRun,
        Reason = row.Reason,
        CreatedAt = row.CreatedAt,
        ExpiresAt = row.ExpiresAt,
        Status = row.Status,
        DecidedBy = row.DecidedBy,
        DecidedAt = row.DecidedAt,
        SessionId = row.SessionId,
    };
}
