using Anna.Core.Policy;
using Anna.Dashboard.Components;
using Anna.Dashboard.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Dashboard.Tests;

public sealed class ConfigErrorBannerTests : DashboardTestContext
{
    public ConfigErrorBannerTests()
    {
        // The layout's menu counts pending approvals.
        Services.AddSingleton(Rig.Approvals);
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public void A_good_config_shows_no_banner()
    {
        var cut = Render<ConfigErrorBanner>();

        Assert.Empty(cut.FindAll("[data-testid=config-error-banner]"));
    }

    [Fact]
    public void Errors_present_at_start_are_listed_with_file_line_column_key_and_message()
    {
        Config.Reject(
            new ConfigError("/etc/anna/healing.toml", 3, 10, "healing.policy", "expected one of manual, guided, supervised, autonomous"),
            new ConfigError("/etc/anna/healing.toml", 7, 1, "healing.rollback.history_size", "must be at least 1"));

        var cut = Render<ConfigErrorBanner>();

        var items = cut.FindAll("[data-testid=config-error]");
        Assert.Equal(2, items.Count);
        Assert.Contains("/etc/anna/healing.toml:3:10", items[0].TextContent);
        Assert.Contains("healing.policy", items[0].TextContent);
        Assert.Contains("expected one of manual", items[0].TextContent);
        Assert.Contains("healing.rollback.history_size", items[1].TextContent);
    }

    [Fact]
    public void The_banner_follows_rejected_and_accepted_edits_live()
    {
        var cut = Render<ConfigErrorBanner>();

        Config.Reject(new ConfigError("/etc/anna/healing.toml", 2, 5, "healing.max_actions_per_session", "must be a positive integer"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=config-error]")), Patience);

        Config.Accept(new HealingOptions());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=config-error-banner]")), Patience);
    }

    [Fact]
    public void The_layout_shows_the_banner_above_the_page()
    {
        Config.Reject(new ConfigError("/etc/anna/healing.toml", 1, 1, "healing", "unknown key 'healng'"));

        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id=page>page</p>"))));

        Assert.Single(cut.FindAll("[data-testid=config-error-banner]"));
        Assert.Single(cut.FindAll("#page"));
        Assert.Contains("Anna", cut.Markup);
    }
}
