using Anna.Core.Actions;
using Anna.Core.Risk;

namespace Anna.Core.Policy;

/// <summary>
/// The one place that decides whether a candidate action is suggested, queued for approval or
/// executed. Every door (worker, API, dashboard) asks here; none decides on its own.
/// </summary>
public static class PolicyEvaluator
{
    public static Decision Decide(HealingOptions options, ActionCategory category, ActionRisk risk)
    {
        var name = category.ToName();
        if (risk == ActionRisk.Critical)
            return new(DecisionKind.Suggest, "critical actions are never executed by Anna; run them yourself", ConsentLevel.None);

        if (options.NeverAutoHeal.Contains(category))
            return new(DecisionKind.NeedsApproval, $"{name} is in never_auto_heal", ConsentLevel.None);

        switch (options.Policy)
        {
            case HealingPolicy.Manual:
                return new(DecisionKind.Suggest, "policy is manual: Anna only suggests", ConsentLevel.None);
            case HealingPolicy.Guided:
                return new(DecisionKind.Suggest, "policy is guided: waiting for you to confirm", ConsentLevel.None);
            case HealingPolicy.Supervised:
                if (options.RequireApproval.Contains(risk))
                    return new(DecisionKind.NeedsApproval, $"{risk.ToName()} risk requires approval", ConsentLevel.None);
                if (risk != ActionRisk.Safe)
                    return new(DecisionKind.NeedsApproval, $"supervised policy executes only safe actions; this one is {risk.ToName()}", ConsentLevel.None);
                if (!options.AutoHeal.Contains(category))
                    return new(DecisionKind.Suggest, $"{name} is not in auto_heal", ConsentLevel.None);
                return new(DecisionKind.Execute, $"supervised: safe {name} is in auto_heal", ConsentLevel.Implied);
            case HealingPolicy.Autonomous:
                return new(DecisionKind.Execute, $"autonomous: {name} is allowed", ConsentLevel.Implied);
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Policy, "unknown policy");
        }
    }
}
