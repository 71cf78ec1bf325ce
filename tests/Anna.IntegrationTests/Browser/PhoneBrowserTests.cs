using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The Overview on a phone-width screen, used with the keyboard alone: nothing wider than the
/// screen, the drawer out of the way, and the theme toggle reachable and working.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class PhoneBrowserTests(SystemdSandboxFixture systemd, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Unit = "e2e-phone.service";

    // Wide content (tables) must scroll inside its own box, never widen the document.
    private const string DocumentOverflow =
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]";

    private AnnaInBrowser? _session;

    public async Task InitializeAsync() =>
        _session = await AnnaInBrowser.StartAsync(systemd, "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");

    public async Task DisposeAsync()
    {
        if (_session is not null)
            await _session.DisposeAsync();
    }

    [Fact]
    public async Task The_overview_fits_a_phone_and_the_theme_toggles_from_the_keyboard()
    {
        var session = _session!;
        var page = session.Page;
        var pid = await session.StartSleeperAsync(Unit);
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            // A light system, so the starting theme is known.
            await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await session.OpenAsync("");
            var layout = page.Locator("[data-interactive=true]");
            await Expect(layout).ToHaveAttributeAsync("data-theme", "light");

            // A heal puts a row into the recent-activity table, the widest thing on the page.
            UnitDriver.Kill(pid);
            await Expect(page.Locator($"[data-testid=history-row][data-subject=\"{Unit}\"][data-outcome=\"success\"]"))
                .ToHaveCountAsync(1, new() { Timeout = 20_000 });

            var width = await WidthAsync(page);
            output.WriteLine($"document scrollWidth {width.Scroll}, clientWidth {width.Client}");
            Assert.True(width.Scroll <= width.Client, $"the document is {width.Scroll}px wide on a {width.Client}px screen");
            // Below MudBlazor's md breakpoint the drawer is a temporary overlay, closed until asked for.
            Assert.Equal(0, await page.Locator(".mud-drawer--open").CountAsync());

            var lightBackground = await BodyBackgroundAsync(page);
            var presses = await TabToAsync(page, "theme-toggle");
            output.WriteLine($"theme toggle reached after {presses} Tab presses");
            await page.Keyboard.PressAsync("Enter");

            await Expect(layout).ToHaveAttributeAsync("data-theme", "dark");
            await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
            var darkBackground = await BodyBackgroundAsync(page);
            output.WriteLine($"body background: light {lightBackground}, dark {darkBackground}");
            Assert.NotEqual(lightBackground, darkBackground);

            // The pick outlives a reload of the tab.
            await session.OpenAsync("");
            await Expect(page.Locator("[data-interactive=true]")).ToHaveAttributeAsync("data-theme", "dark");
            width = await WidthAsync(page);
            Assert.True(width.Scroll <= width.Client, $"after reload the document is {width.Scroll}px wide on a {width.Client}px screen");

            Assert.True(session.Browser.Problems.Count == 0, "the page reported problems:\n" + string.Join("\n", session.Browser.Problems));
            output.WriteLine($"screenshot: {await DocsImages.SaveAsync(page, "overview-phone-dark")}");
        }
        catch
        {
            output.WriteLine($"screenshot: {await DocsImages.SaveFailureAsync(page, "overview-phone-dark")}");
            throw;
        }
    }

    /// <summary>Presses Tab until the element with the test id has focus; returns how many presses it took.</summary>
    private static async Task<int> TabToAsync(IPage page, string testId)
    {
        const int limit = 60;
        for (var presses = 1; presses <= limit; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("id => document.activeElement?.dataset?.testid === id", testId))
                return presses;
        }
        throw new Xunit.Sdk.XunitException($"{testId} never took focus in {limit} Tab presses");
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static async Task<(int Scroll, int Client)> WidthAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>(DocumentOverflow);
        return (widths[0], widths[1]);
    }
}
