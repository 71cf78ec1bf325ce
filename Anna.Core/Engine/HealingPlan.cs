namespace Anna.Core.Engine;

/// <summary>The answer to a heal request: every selected item with its decision and result.</summary>
public sealed record HealingPlan(bool DryRun, Guid? SessionId, IReadOnlyList<PlanItem> Items);
