using Anna.Dashboard.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace Anna.Dashboard.Tests;

/// <summary>
/// The app bar's light/dark toggle: it starts from the tab's stored pick, else the system
/// preference, flips the theme provider, and remembers the pick in sessionStorage.
/// </summary>
public sealed class ThemeToggleTests : DashboardTestContext
{
    private const string SystemDarkMode = "mudThemeProvider.isDarkMode";

    public ThemeToggleTests()
    {
        // The layout's menu counts pending approvals.
        Services.AddSingleton(Rig.Approvals);
        Services.AddSingleton(TimeProvider.System);
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>page</p>"))));

    private static bool ProviderIsDark(IRenderedComponent<MainLayout> cut) =>
        cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode);

    private static bool FollowsSystem(IRenderedComponent<MainLayout> cut) =>
        cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.ObserveSystemDarkModeChange);

    [Fact]
    public void A_light_system_starts_light_and_the_toggle_switches_to_dark_and_remembers_it()
    {
        JSInterop.Setup<string?>("sessionStorage.getItem", "anna.theme").SetResult(null);
        JSInterop.Setup<bool>(SystemDarkMode).SetResult(false);
        var store = JSInterop.SetupVoid("sessionStorage.setItem", "anna.theme", "dark");

        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-interactive=true]")), Patience);
        Assert.Single(cut.FindAll("[data-theme=light]"));
        Assert.False(ProviderIsDark(cut));
        var toggle = cut.Find("[data-testid=theme-toggle]");
        Assert.Equal("Switch to dark theme", toggle.GetAttribute("aria-label"));
        Assert.True(FollowsSystem(cut));

        toggle.Click();

        Assert.Single(cut.FindAll("[data-theme=dark]"));
        Assert.True(ProviderIsDark(cut));
        Assert.Equal("Switch to light theme", cut.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
        Assert.Single(store.Invocations);
        // A pick is final for the tab: the system flipping later must not undo it.
        Assert.False(FollowsSystem(cut));

        cut.Find("[data-testid=theme-toggle]").Click();

        Assert.Single(cut.FindAll("[data-theme=light]"));
        Assert.False(ProviderIsDark(cut));
        Assert.Single(JSInterop.Invocations["sessionStorage.setItem"], i => Equals(i.Arguments[1], "light"));
    }

    [Fact]
    public void A_dark_system_starts_dark()
    {
        JSInterop.Setup<string?>("sessionStorage.getItem", "anna.theme").SetResult(null);
        JSInterop.Setup<bool>(SystemDarkMode).SetResult(true);

        var cut = RenderLayout();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-theme=dark]")), Patience);
        Assert.True(ProviderIsDark(cut));
    }

    [Fact]
    public void The_tabs_stored_pick_wins_over_the_system()
    {
        JSInterop.Setup<string?>("sessionStorage.getItem", "anna.theme").SetResult("light");
        JSInterop.Setup<bool>(SystemDarkMode).SetResult(true);

        var cut = RenderLayout();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-interactive=true]")), Patience);
        Assert.Single(cut.FindAll("[data-theme=light]"));
        Assert.False(ProviderIsDark(cut));
        Assert.False(FollowsSystem(cut));
        Assert.Empty(JSInterop.Invocations[SystemDarkMode]);
    }
}
