using Anna.Core.Approvals;

namespace Anna.Core.Engine;

/// <summary>What became of one approval decision: its new status and what Anna did next, in words.</summary>
public sealed record ApprovalOutcome(Guid Id, ApprovalStatus? Status, string Result, bool Accepted);
