using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Actions;

/// <summary>
/// The restart of a service forecast to reach its memory limit is the plan only for a service (not
/// for the machine's memory), never for a unit remote access depends on, and asks a person first
/// under supervised policy: the service is serving.
/// </summary>
public sealed class RestartLeakingServiceActionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 23, 0, 0, TimeSpan.Zero); // inside Saturday's window

    private static Issue Forecast(string subject) =>
        new(IssueKind.PredictedMemoryExhaustion, subject, IssueSeverity.Warning, "", new Dictionary<string, string> { ["eta"] = Now.AddHours(9).ToString("O") }, Now, Now);

    private static RestartLeakingServiceAction Action(FakeTimeProvider time) =>
        new(new ServiceRestarter(new FakeSystemdManager(), new TestHealingConfig(), time));

    [Fact]
    public void Only_a_service_that_is_not_critical_is_restarted_before_its_limit()
    {
        var action = Action(new FakeTimeProvider(Now));

        Assert.True(action.CanHeal(Forecast("web.service")));
        Assert.False(action.CanHeal(Forecast("memory")));
        Assert.False(action.CanHeal(Forecast("ssh.service")));
        Assert.False(action.CanHeal(Forecast("web.service") with { Kind = IssueKind.PredictedDiskFull }));
        Assert.Equal("Restart web.service before it reaches its memory limit", action.Describe(Forecast("web.service")));
    }

    [Theory]
    [InlineData(HealingPolicy.Supervised, DecisionKind.NeedsApproval)]
    [InlineData(HealingPolicy.Autonomous, DecisionKind.Execute)]
    public void Policy_decides_as_for_any_medium_risk_restart(HealingPolicy policy, DecisionKind expected)
    {
        var time = new FakeTimeProvider(Now);
        var rig = new EngineRig(new TestHealingConfig(new HealingOptions { Policy = policy }), [], time);

        var decision = rig.Services.GetRequiredService<DecisionMaker>().Decide(Forecast("web.service"), Action(time), null);

        Assert.Equal(expected, decision.Kind);
    }
}
