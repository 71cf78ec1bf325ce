using Anna.Core.Vocabulary;

namespace Anna.Core.Rollback;

/// <summary>How start-up recovery finished one cut-off action.</summary>
public sealed record RecoveredAction(long Id, ActionOutcome Outcome, string Detail);
