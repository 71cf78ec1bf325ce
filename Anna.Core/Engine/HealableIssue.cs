using Anna.Core.Actions;

namespace Anna.Core.Engine;

/// <summary>An open issue that has a fix, with its place in the list and how often people approved such fixes.</summary>
public sealed record HealableIssue(int Index, IssueView View, IHealingAction Action, int Approved, int Rejected);
