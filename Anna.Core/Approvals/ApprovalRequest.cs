using Anna.Core.Vocabulary;
using Anna.Core.Risk;

namespace Anna.Core.Approvals;

/// <summary>An action waiting for (or past) a person's decision, with what it will change and why it asks.</summary>
public sealed record ApprovalRequest
{
    public required Guid Id { get; init; }
    public required string IssueKey { get; init; }
    public required string IssueKind { get; init; }
    public required string Subject { get; init; }
    public required string Action { get; init; }
    public required ActionCategory Category { get; init; }
    public required ActionRisk Risk { get; init; }
    /// <summary>The dry run's report of exactly what will change.</summary>
    public required string DryRun { get; init; }
    /// <summary>Why policy asks for approval, in words.</summary>
    public required string Reason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public ApprovalStatus Status { get; init; } = ApprovalStatus.Pending;
    /// <summary>Who approved or rejected it (whatever identity the request carried).</summary>
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public Guid? SessionId { get; init; }
}
