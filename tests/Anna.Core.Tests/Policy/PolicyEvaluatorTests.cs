using Anna.Core.Vocabulary;
using Anna.Core.Policy;
using Anna.Core.Risk;

namespace Anna.Core.Tests.Policy;

public sealed class PolicyEvaluatorTests
{
    private static HealingOptions With(HealingPolicy policy) => new() { Policy = policy };

    /// <summary>An automatic decision with every gate open: the policy rules alone.</summary>
    private static Decision Decide(HealingOptions options, ActionCategory category, ActionRisk risk) =>
        PolicyEvaluator.Decide(new DecisionInput { Options = options, Category = category, Risk = risk });

    [Theory]
    [InlineData(HealingPolicy.Manual, false)]
    [InlineData(HealingPolicy.Supervised, true)]
    public void An_approval_runs_what_never_auto_heal_held_back_whatever_the_switch_breaker_or_window(HealingPolicy policy, bool forSession)
    {
        var decision = PolicyEvaluator.Decide(new DecisionInput
        {
            Options = With(policy), Category = ActionCategory.KernelUpdate, Risk = ActionRisk.High,
            ApprovedBy = "dana", ApprovedForSession = forSession,
            HealingEnabled = false, BreakerAllows = false, Urgent = false, WindowOpen = false,
        });

        Assert.Equal(new Decision(DecisionKind.Execute, "approved by dana", forSession ? ConsentLevel.PerSession : ConsentLevel.Explicit), decision);
    }

    [Fact]
    public void An_approval_never_runs_a_critical_action_and_waits_for_the_session_budget()
    {
        var critical = PolicyEvaluator.Decide(new DecisionInput
        {
            Options = With(HealingPolicy.Autonomous), Category = ActionCategory.PartitionOperations, Risk = ActionRisk.Critical, ApprovedBy = "dana",
        });
        var spent = PolicyEvaluator.Decide(new DecisionInput
        {
            Options = With(HealingPolicy.Autonomous), Category = ActionCategory.ServiceRestart, Risk = ActionRisk.Medium, ApprovedBy = "dana", BudgetLeft = false,
        });

        Assert.Equal(DecisionKind.Suggest, critical.Kind);
        Assert.Equal(DecisionKind.Defer, spent.Kind);
        Assert.Contains("max_actions_per_session", spent.Reason);
    }

    [Fact]
    public void Supervised_executes_a_safe_service_restart_with_implied_consent()
    {
        var decision = Decide(With(HealingPolicy.Supervised), ActionCategory.ServiceRestart, ActionRisk.Safe);

        Assert.Equal(DecisionKind.Execute, decision.Kind);
        Assert.Equal(ConsentLevel.Implied, decision.Consent);
        Assert.Contains("auto_heal", decision.Reason);
    }

    [Theory]
    [InlineData(HealingPolicy.Guided, "guided")]
    [InlineData(HealingPolicy.Manual, "manual")]
    public void Guided_and_manual_only_suggest(HealingPolicy policy, string word)
    {
        var decision = Decide(With(policy), ActionCategory.ServiceRestart, ActionRisk.Safe);

        Assert.Equal(DecisionKind.Suggest, decision.Kind);
        Assert.Equal(ConsentLevel.None, decision.Consent);
        Assert.Contains(word, decision.Reason);
    }

    [Fact]
    public void Supervised_asks_for_approval_when_the_risk_requires_it()
    {
        var decision = Decide(With(HealingPolicy.Supervised), ActionCategory.PackageUpdate, ActionRisk.Medium);

        Assert.Equal(DecisionKind.NeedsApproval, decision.Kind);
        Assert.Equal("medium risk requires approval", decision.Reason);
    }

    [Fact]
    public void Supervised_only_suggests_a_safe_category_that_is_not_in_auto_heal()
    {
        var options = With(HealingPolicy.Supervised) with { AutoHeal = new HashSet<ActionCategory>() };

        var decision = Decide(options, ActionCategory.ServiceRestart, ActionRisk.Safe);

        Assert.Equal(DecisionKind.Suggest, decision.Kind);
        Assert.Equal("service_restart is not in auto_heal", decision.Reason);
    }

    [Theory]
    [InlineData(HealingPolicy.Supervised)]
    [InlineData(HealingPolicy.Autonomous)]
    public void Never_auto_heal_categories_always_need_approval(HealingPolicy policy)
    {
        var decision = Decide(With(policy), ActionCategory.KernelUpdate, ActionRisk.Low);

        Assert.Equal(DecisionKind.NeedsApproval, decision.Kind);
        Assert.Equal("kernel_update is in never_auto_heal", decision.Reason);
    }

    [Theory]
    [InlineData(HealingPolicy.Manual)]
    [InlineData(HealingPolicy.Guided)]
    [InlineData(HealingPolicy.Supervised)]
    [InlineData(HealingPolicy.Autonomous)]
    public void Critical_actions_are_never_executed(HealingPolicy policy)
    {
        var decision = Decide(With(policy), ActionCategory.ServiceRestart, ActionRisk.Critical);

        Assert.NotEqual(DecisionKind.Execute, decision.Kind);
    }

    [Fact]
    public void Autonomous_executes_a_medium_risk_update()
    {
        var decision = Decide(With(HealingPolicy.Autonomous), ActionCategory.PackageUpdate, ActionRisk.Medium);

        Assert.Equal(DecisionKind.Execute, decision.Kind);
    }
}
