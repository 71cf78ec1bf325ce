using Anna.Core.Vocabulary;

namespace Anna.Core.Rollback;

/// <summary>How start-up recovery finished one cut-off action, and the issue it was healing.</summary>
public sealed record RecoveredAction(long Id, ActionOutcome Outcome, string Detail, string IssueKind, string Subject);
