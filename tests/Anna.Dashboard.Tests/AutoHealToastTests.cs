using Anna.Core.Policy;
using Anna.Dashboard.Components;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Anna.Dashboard.Tests;

/// <summary>The snackbar that tells of heals Anna made on its own, with View and Undo.</summary>
public sealed class AutoHealToastTests : DashboardTestContext
{
    public AutoHealToastTests()
    {
        Config.Current = new HealingOptions { Policy = HealingPolicy.Autonomous };
    }

    [Fact]
    public async Task Heals_close_together_make_one_toast_naming_the_count_and_the_subjects()
    {
        var cut = RenderToast();

        await Engine.ObserveAsync(FailedService("nginx.service"), CancellationToken.None);
        await Engine.ObserveAsync(FailedService("cron.service"), CancellationToken.None);
        await Engine.WhenIdleAsync();

        cut.WaitForAssertion(() =>
        {
            var toast = Assert.Single(cut.FindAll("[data-testid=auto-heal-toast]"));
            Assert.Equal("2", toast.GetAttribute("data-count"));
            Assert.Contains("Anna automatically healed 2 issues", toast.TextContent);
            Assert.Contains("nginx.service", toast.TextContent);
            Assert.Contains("cron.service", toast.TextContent);
        }, Patience);
    }

    [Fact]
    public async Task View_opens_the_history_on_the_heal()
    {
        var cut = RenderToast();
        var heal = await HealAsync(cut, "nginx.service");

        await cut.InvokeAsync(() => cut.Find("[data-testid=auto-heal-view]").Click());

        Assert.Equal($"http://localhost/history?id={heal}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Undo_opens_the_history_on_the_undo_flow_for_exactly_the_healed_actions()
    {
        var cut = RenderToast();
        var heal = await HealAsync(cut, "nginx.service");

        await cut.InvokeAsync(() => cut.Find("[data-testid=auto-heal-undo]").Click());

        Assert.Equal($"http://localhost/history?id={heal}&undo={heal}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task View_of_several_heals_opens_todays_successes_on_the_newest()
    {
        var cut = RenderToast();
        await Engine.ObserveAsync(FailedService("nginx.service"), CancellationToken.None);
        await Engine.ObserveAsync(FailedService("cron.service"), CancellationToken.None);
        await Engine.WhenIdleAsync();
        var newest = History.Entries.Max(e => e.Id);
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=auto-heal-toast]").GetAttribute("data-count")), Patience);

        await cut.InvokeAsync(() => cut.Find("[data-testid=auto-heal-view]").Click());

        var today = DateTime.Now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"http://localhost/history?id={newest}&outcome=success&from={today}&to={today}",
            Services.GetRequiredService<NavigationManager>().Uri);
    }

    private async Task<long> HealAsync(IRenderedComponent<ContainerFragment> cut, string unit)
    {
        await Engine.ObserveAsync(FailedService(unit), CancellationToken.None);
        await Engine.WhenIdleAsync();
        var heal = Assert.Single(History.Entries, e => e.Subject == unit);
        cut.WaitForAssertion(() => Assert.Contains("healed 1 issue", cut.Find("[data-testid=auto-heal-toast]").TextContent), Patience);
        return heal.Id;
    }

    [Fact]
    public async Task Heals_a_person_asked_for_and_undos_make_no_toast()
    {
        Config.Current = new HealingOptions { Policy = HealingPolicy.Guided };
        var cut = RenderToast();
        await Engine.ObserveAsync(FailedService("nginx.service"), CancellationToken.None);

        await Rig.Requests.HealAsync(["failed_service:nginx.service"], dryRun: false, "alice", CancellationToken.None);
        await Engine.WhenIdleAsync();
        Assert.Contains(History.Entries, e => e.Subject == "nginx.service" && e.ApprovedBy == "alice");

        // Longer than the toast's grouping window: a toast would be up by now.
        await Task.Delay(AutoHealToast.GroupWindow * 2);
        Assert.Empty(cut.FindAll("[data-testid=auto-heal-toast]"));
    }

    private IRenderedComponent<ContainerFragment> RenderToast() => Render(b =>
    {
        b.OpenComponent<MudSnackbarProvider>(0);
        b.CloseComponent();
        b.OpenComponent<AutoHealToast>(1);
        b.CloseComponent();
    });
}
