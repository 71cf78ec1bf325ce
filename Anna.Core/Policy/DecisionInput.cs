using Anna.Core.Vocabulary;
using Anna.Core.Risk;

namespace Anna.Core.Policy;

/// <summary>
/// Everything a decision depends on, gathered by the engine so that <see cref="PolicyEvaluator"/>
/// stays a pure function that tests can drive through every combination.
/// </summary>
public sealed record DecisionInput
{
    public required HealingOptions Options { get; init; }
    public required ActionCategory Category { get; init; }
    public required ActionRisk Risk { get; init; }

    /// <summary>A person asked for this fix now (guided "heal items 1,2", manual repairs), rather than Anna on its own.</summary>
    public bool RequestedByUser { get; init; }

    /// <summary>
    /// Who approved this very action from the approval queue, when it comes from there: the approval
    /// answers never_auto_heal and require_approval, and, like a request, the mode and the automatic gates.
    /// </summary>
    public string? ApprovedBy { get; init; }

    /// <summary>The approval also consents to the action's category for the rest of the session.</summary>
    public bool ApprovedForSession { get; init; }

    /// <summary>Urgent fixes (a failed service, a critical disk) do not wait for a maintenance window.</summary>
    public bool Urgent { get; init; } = true;

    public bool WindowOpen { get; init; } = true;

    /// <summary>Words about the maintenance window ("outside maintenance window, next window Sat 22:00").</summary>
    public string WindowReason { get; init; } = "inside maintenance window";

    public DateTimeOffset? NextWindow { get; init; }

    public bool BreakerAllows { get; init; } = true;

    public string BreakerReason { get; init; } = "circuit breaker closed";

    /// <summary>False after a person disabled automatic healing.</summary>
    public bool HealingEnabled { get; init; } = true;

    /// <summary>The current session may still run an action (max_actions_per_session).</summary>
    public bool BudgetLeft { get; init; } = true;

    /// <summary>A person gave per-session consent for this category in the current session.</summary>
    public bool SessionConsent { get; init; }

    /// <summary>Why the category's fixes ask first now (its automatic runs kept failing); null when they need not.</summary>
    public string? Demoted { get; init; }
}
