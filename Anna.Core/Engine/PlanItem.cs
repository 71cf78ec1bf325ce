using Anna.Core.Policy;

namespace Anna.Core.Engine;

/// <summary>One item of a person's heal request: what Anna decided for it and what it did or would do.</summary>
/// <param name="Index">1-based position in the healable list, as a person refers to it ("items 1,2").</param>
/// <param name="WouldChange">The dry run's report, for items that would run.</param>
/// <param name="Outcome">What became of it; doors switch on this.</param>
/// <param name="Result">The same in words for people ("started", "queued for approval", "skipped: …").</param>
public sealed record PlanItem(int Index, string IssueKey, string Subject, string Action, string Risk,
    DecisionKind Decision, string Reason, string? WouldChange, PlanOutcome Outcome, string Result);
