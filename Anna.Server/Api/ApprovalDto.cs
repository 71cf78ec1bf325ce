using Anna.Core.Vocabulary;
using Anna.Core.Approvals;
using Anna.Core.Engine;

namespace Anna.Server.Api;

/// <summary>A queued action as the API shows it.</summary>
public sealed record ApprovalDto(Guid Id, string IssueKey, string IssueKind, string Subject, string Action, string Category,
    string Risk, string DryRun, string Reason, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Status,
    string? DecidedBy, DateTimeOffset? DecidedAt, Guid? SessionId)
{
    public static ApprovalDto From(ApprovalRequest r) => new(r.Id, r.IssueKey, r.IssueKind, r.Subject, r.Action,
        r.Category.ToName(), JsonNames.Snake(r.Risk), r.DryRun, r.Reason, r.CreatedAt, r.ExpiresAt,
        JsonNames.Snake(r.Status), r.DecidedBy, r.DecidedAt, r.SessionId);
}

public sealed record ApprovalOutcomeDto(Guid Id, string? Status, string Result, bool Accepted)
{
    public static ApprovalOutcomeDto From(ApprovalOutcome o) =>
        new(o.Id, o.Status is { } s ? JsonNames.Snake(s) : null, o.Result, o.Accepted);
}
