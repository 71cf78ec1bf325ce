using Anna.Core.Vocabulary;
using Anna.Core.Approvals;
using Anna.Core.Risk;

namespace Anna.Server.Persistence;

/// <summary>A row of <c>approvals</c>: the stored form of an <see cref="ApprovalRequest"/>.</summary>
public sealed class ApprovalRow
{
    public Guid Id { get; set; }
    public required string IssueKey { get; set; }
    public required string IssueKind { get; set; }
    public required string Subject { get; set; }
    public required string Action { get; set; }
    public ActionCategory Category { get; set; }
    public ActionRisk Risk { get; set; }
    public required string DryRun { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public ApprovalStatus Status { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? SessionId { get; set; }
}
