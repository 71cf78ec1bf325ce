using Anna.Core.Vocabulary;
using Anna.Core.Risk;

namespace Anna.Core.Policy;

/// <summary>
/// The one place that decides whether a candidate action is suggested, queued for approval,
/// deferred or executed. Every door (worker, API, dashboard) asks here; none decides on its own.
/// Rules, in order: critical never runs; an approval from the queue runs; never_auto_heal always asks;
/// then the policy mode (a person's explicit request stands in for the mode); then the gates that can only hold an
/// allowed action back: healing switch, circuit breaker, maintenance window, session budget.
/// </summary>
public static class PolicyEvaluator
{
    public static Decision Decide(DecisionInput input)
    {
        var options = input.Options;
        var name = input.Category.ToName();
        if (input.Risk == ActionRisk.Critical)
            return new(DecisionKind.Suggest, "critical actions are never executed by Anna; run them yourself", ConsentLevel.None);
        if (input.ApprovedBy is { } by)
            return Gate(input) ?? new(DecisionKind.Execute, $"approved by {by}", input.ApprovedForSession ? ConsentLevel.PerSession : ConsentLevel.Explicit);
        if (options.NeverAutoHeal.Contains(input.Category))
            return new(DecisionKind.NeedsApproval, $"{name} is in never_auto_heal", ConsentLevel.None);

        var allowed = input.RequestedByUser ? ByRequest(input) : ByMode(input, name);
        if (allowed.Kind != DecisionKind.Execute)
            return allowed;
        // Learned from history: only ever asks more than the policy does.
        if (allowed.Consent == ConsentLevel.Implied && input.Demoted is { } why)
            return new(DecisionKind.NeedsApproval, $"asks first: {why}", ConsentLevel.None);
        return Gate(input) ?? allowed;
    }

    /// <summary>A person asked for this fix: the mode does not matter, approval rules still do.</summary>
    private static Decision ByRequest(DecisionInput input)
    {
        if (input.Options.RequireApproval.Contains(input.Risk))
            return new(DecisionKind.NeedsApproval, $"{input.Risk.ToName()} risk requires approval", ConsentLevel.None);
        return new(DecisionKind.Execute, "you asked for this fix", ConsentLevel.Explicit);
    }

    private static Decision ByMode(DecisionInput input, string name)
    {
        var options = input.Options;
        switch (options.Policy)
        {
            case HealingPolicy.Manual:
                return new(DecisionKind.Suggest, "policy is manual: Anna only suggests", ConsentLevel.None);
            case HealingPolicy.Guided:
                return new(DecisionKind.Suggest, "policy is guided: waiting for you to confirm", ConsentLevel.None);
            case HealingPolicy.Supervised:
                if (input.SessionConsent)
                    return new(DecisionKind.Execute, $"you consented to {name} for this session", ConsentLevel.PerSession);
                if (options.RequireApproval.Contains(input.Risk))
                    return new(DecisionKind.NeedsApproval, $"{input.Risk.ToName()} risk requires approval", ConsentLevel.None);
                if (input.Risk != ActionRisk.Safe)
                    return new(DecisionKind.NeedsApproval, $"supervised policy executes only safe actions; this one is {input.Risk.ToName()}", ConsentLevel.None);
                if (!options.AutoHeal.Contains(input.Category))
                    return new(DecisionKind.Suggest, $"{name} is not in auto_heal", ConsentLevel.None);
                return new(DecisionKind.Execute, $"supervised: safe {name} is in auto_heal", ConsentLevel.Implied);
            case HealingPolicy.Autonomous:
                return new(DecisionKind.Execute, $"autonomous: {name} is allowed", ConsentLevel.Implied);
            default:
                throw new ArgumentOutOfRangeException(nameof(input), options.Policy, "unknown policy");
        }
    }

    /// <summary>What can hold back an action that policy allows; null when nothing does.</summary>
    private static Decision? Gate(DecisionInput input)
    {
        // A person's request or approval is theirs to make: the automatic gates do not hold it back.
        if (!input.RequestedByUser && input.ApprovedBy is null)
        {
            if (!input.HealingEnabled)
                return new(DecisionKind.Suggest, "automatic healing is disabled", ConsentLevel.None);
            if (!input.BreakerAllows)
                return new(DecisionKind.Suggest, input.BreakerReason, ConsentLevel.None);
            if (!input.Urgent && !input.WindowOpen)
                return new(DecisionKind.Defer, input.WindowReason, ConsentLevel.None, input.NextWindow);
        }
        if (!input.BudgetLeft)
        {
            return new(DecisionKind.Defer, $"{BudgetSpent(input.Options)}; waits for the next one", ConsentLevel.None);
        }
        return null;
    }

    /// <summary>Why an action is held back when the session's budget is spent, in the same words wherever it is found.</summary>
    public static string BudgetSpent(HealingOptions options) =>
        $"max_actions_per_session ({options.MaxActionsPerSession}) reached in this session";
}
