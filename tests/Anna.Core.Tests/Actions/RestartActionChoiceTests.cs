using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Risk;

namespace Anna.Core.Tests.Actions;

public sealed class RestartActionChoiceTests
{
    // The restarter is never called here: choosing an action only looks at the issue.
    private readonly ActionCatalog _catalog = new([new RestartServiceAction(null!), new RestartCriticalServiceAction(null!)]);

    [Theory]
    [InlineData("web.service", "restart_service", ActionRisk.Safe)]
    [InlineData("getty@tty1.service", "restart_service", ActionRisk.Safe)]
    [InlineData("ssh.service", "restart_critical_service", ActionRisk.Medium)]
    [InlineData("systemd-journald.service", "restart_critical_service", ActionRisk.Medium)]
    [InlineData("NetworkManager.service", "restart_critical_service", ActionRisk.Medium)]
    public void A_failed_unit_gets_exactly_one_restart_action_with_the_right_risk(string unit, string action, ActionRisk risk)
    {
        var issue = Failed(unit);

        var chosen = _catalog.Recommend(issue);

        Assert.Equal(action, chosen!.Name);
        Assert.Equal(risk, chosen.Risk);
        Assert.Single(_catalog.All, a => a.CanHeal(issue));
    }

    [Theory]
    [InlineData("../../etc/passwd.service")]
    [InlineData("web service")]
    [InlineData("")]
    public void A_subject_that_is_not_a_unit_name_gets_no_action(string subject)
    {
        Assert.Null(_catalog.Recommend(Failed(subject)));
    }

    private static Issue Failed(string unit) => new(IssueKind.FailedService, unit, IssueSeverity.Warning, "failed",
        new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
