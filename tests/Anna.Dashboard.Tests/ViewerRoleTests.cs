using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Dashboard.Pages;
using Bunit;

namespace Anna.Dashboard.Tests;

/// <summary>
/// A viewer sees what Anna sees and decides nothing: no Heal, Approve, Reject or Undo button is
/// rendered for them (so no click can reach one); an operator gets them. The server refuses such
/// calls anyway; this is what the page shows.
/// </summary>
public sealed class ViewerRoleTests : DashboardTestContext
{
    public ViewerRoleTests()
    {
        Config.Current = new HealingOptions { Policy = HealingPolicy.Guided };
    }

    [Theory]
    [InlineData("viewer", false)]
    [InlineData("operator", true)]
    public async Task The_overview_offers_healing_only_to_those_who_may_act(string role, bool offered)
    {
        SignInAs(role);
        await Engine.ObserveAsync(Failed("nginx.service"), CancellationToken.None);

        var cut = Render<Overview>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=issue-row]")), Patience);
        Assert.Equal(offered, cut.FindAll("[data-testid=heal-selected]").Count == 1);
    }

    private static Issue Failed(string unit) => new(IssueKind.FailedService, unit, IssueSeverity.Warning, $"{unit} failed",
        new Dictionary<string, string> { ["result"] = "exit-code" }, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
}
