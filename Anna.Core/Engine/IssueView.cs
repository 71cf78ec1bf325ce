using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;

namespace Anna.Core.Engine;

/// <summary>An open issue with what Anna recommends for it and what policy says about that.</summary>
public sealed record IssueView(
    Issue Issue,
    string? RecommendedAction,
    string? ActionDescription,
    string? Category,
    ActionRisk? Risk,
    Decision? Decision)
{
    public bool CanAutoHeal => Decision?.CanAutoHeal ?? false;
}
