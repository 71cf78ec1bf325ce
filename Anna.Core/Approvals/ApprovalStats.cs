namespace Anna.Core.Approvals;

/// <summary>How often people approved or rejected a category of fix for an issue type; orders suggestions.</summary>
public sealed record ApprovalStats(string IssueType, string Category, int Approved, int Rejected);
