using Anna.Core.Vocabulary;
using Anna.Core.Policy;
using Anna.Core.Risk;

namespace Anna.Core.Tests.Policy;

/// <summary>
/// Every policy × risk × category × window × breaker × urgency combination against the rules as
/// the policy file documents them, written out here independently of the evaluator.
/// </summary>
public sealed class PolicyDecisionTableTests
{
    private static readonly HealingOptions Defaults = new();

    public static TheoryData<HealingPolicy, ActionRisk, ActionCategory, bool, bool, bool> Combinations()
    {
        var data = new TheoryData<HealingPolicy, ActionRisk, ActionCategory, bool, bool, bool>();
        foreach (var policy in Enum.GetValues<HealingPolicy>())
        foreach (var risk in Enum.GetValues<ActionRisk>())
        foreach (var category in Enum.GetValues<ActionCategory>())
        foreach (var windowOpen in new[] { true, false })
        foreach (var breakerAllows in new[] { true, false })
        foreach (var urgent in new[] { true, false })
            data.Add(policy, risk, category, windowOpen, breakerAllows, urgent);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Decision_follows_the_documented_rules(
        HealingPolicy policy, ActionRisk risk, ActionCategory category, bool windowOpen, bool breakerAllows, bool urgent)
    {
        var input = new DecisionInput
        {
            Options = Defaults with { Policy = policy },
            Category = category,
            Risk = risk,
            Urgent = urgent,
            WindowOpen = windowOpen,
            WindowReason = "outside maintenance window, next window Sat 22:00",
            BreakerAllows = breakerAllows,
            BreakerReason = "circuit breaker open for web.service",
        };

        var decision = PolicyEvaluator.Decide(input);

        var (kind, reasonWord) = Expected(input);
        Assert.Equal(kind, decision.Kind);
        Assert.Contains(reasonWord, decision.Reason);
        Assert.Equal(kind == DecisionKind.Execute ? ConsentLevel.Implied : ConsentLevel.None, decision.Consent);
    }

    /// <summary>The rules of healing.toml, spelled out.</summary>
    private static (DecisionKind Kind, string ReasonWord) Expected(DecisionInput i)
    {
        if (i.Risk == ActionRisk.Critical)
            return (DecisionKind.Suggest, "never executed");
        if (Defaults.NeverAutoHeal.Contains(i.Category))
            return (DecisionKind.NeedsApproval, "never_auto_heal");
        if (i.Options.Policy == HealingPolicy.Manual)
            return (DecisionKind.Suggest, "manual");
        if (i.Options.Policy == HealingPolicy.Guided)
            return (DecisionKind.Suggest, "guided");
        if (i.Options.Policy == HealingPolicy.Supervised)
        {
            if (i.Risk is ActionRisk.Medium or ActionRisk.High)
                return (DecisionKind.NeedsApproval, "requires approval");
            if (i.Risk != ActionRisk.Safe)
                return (DecisionKind.NeedsApproval, "only safe actions");
            if (!Defaults.AutoHeal.Contains(i.Category))
                return (DecisionKind.Suggest, "not in auto_heal");
        }
        if (!i.BreakerAllows)
            return (DecisionKind.Suggest, "circuit breaker open");
        if (!i.Urgent && !i.WindowOpen)
            return (DecisionKind.Defer, "outside maintenance window");
        return (DecisionKind.Execute, i.Options.Policy == HealingPolicy.Supervised ? "auto_heal" : "autonomous");
    }

    [Fact]
    public void Disabled_healing_holds_back_what_policy_would_run()
    {
        var decision = PolicyEvaluator.Decide(new DecisionInput
        {
            Options = Defaults with { Policy = HealingPolicy.Autonomous },
            Category = ActionCategory.ServiceRestart,
            Risk = ActionRisk.Safe,
            HealingEnabled = false,
        });

        Assert.Equal(DecisionKind.Suggest, decision.Kind);
        Assert.Equal("automatic healing is disabled", decision.Reason);
    }

    [Fact]
    public void A_spent_session_budget_defers_the_action()
    {
        var decision = PolicyEvaluator.Decide(new DecisionInput
        {
            Options = Defaults with { Policy = HealingPolicy.Supervised, MaxActionsPerSession = 2 },
            Category = ActionCategory.ServiceRestart,
            Risk = ActionRisk.Safe,
            BudgetLeft = false,
        });

        Assert.Equal(DecisionKind.Defer, decision.Kind);
        Assert.Contains("max_actions_per_session (2)", decision.Reason);
    }

    [Theory]
    [InlineData(HealingPolicy.Manual)]
    [InlineData(HealingPolicy.Guided)]
    public void A_person_asking_for_a_safe_fix_gets_it_with_explicit_consent_in_any_mode(HealingPolicy policy)
    {
        var decision = PolicyEvaluator.Decide(new DecisionInput
        {
            Options = Defaults with { Policy = policy },
            Category = ActionCategory.ServiceRestart,
            Risk = ActionRisk.Safe,
            RequestedByUser = true,
            WindowOpen = false,
            Urgent = false,
            BreakerAllows = false,
        });

        Assert.Equal(DecisionKind.Execute, decision.Kind);
        Assert.Equal(ConsentLevel.Explicit, decision.Consent);
    }

    [Fact]
    public void A_person_asking_for_a_medium_fix_still_needs_approval()
    {
        var decision = PolicyEvaluator.Decide(new DecisionInput
        {
            Options = Defaults with { Policy = HealingPolicy.Guided },
            Category = ActionCategory.PackageUpdate,
            Risk = ActionRisk.Medium,
            RequestedByUser = true,
        });

        Assert.Equal(DecisionKind.NeedsApproval, decision.Kind);
    }

    [Fact]
    public void Per_session_consent_runs_the_rest_of_the_sessions_items_of_that_category()
    {
        var decision = PolicyEvaluator.Decide(new DecisionInput
        {
            Options = Defaults with { Policy = HealingPolicy.Supervised },
            Category = ActionCategory.PackageUpdate,
            Risk = ActionRisk.Medium,
            SessionConsent = true,
        });

        Assert.Equal(DecisionKind.Execute, decision.Kind);
        Assert.Equal(ConsentLevel.PerSession, decision.Consent);
    }
}
