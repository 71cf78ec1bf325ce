using Anna.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Policy;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The Settings page in a real browser on a real Anna and its real healing.toml: a refused value is
/// marked at its field and the file is not touched; a good one is written in place. No systemd is
/// needed: Anna is given a bus address where nothing listens, and the policy editor does not care.
/// </summary>
public sealed class SettingsBrowserTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Policy = """
        # Policy for this box — edited by hand, keep these notes.

        [healing]
        policy = "supervised"      # guided was too slow at night
        max_actions_per_session = 4
        auto_heal = ["service_restart", "cache_cleanup"]

        [healing.schedule]
        preferred_hours = [22, 23, 0, 1, 2, 3]   # after the backup
        avoid_hours = [9, 10, 11, 14, 15, 16]
        preferred_days = [0, 6]
        avoid_days = [3]

        [healing.circuit_breaker]
        max_failures = 4

        """;

    private readonly DirectoryInfo _noBus = Directory.CreateTempSubdirectory("anna-settings-browser-");
    private LoopbackAnna? _anna;
    private ChromiumPage? _browser;

    public async Task InitializeAsync()
    {
        _anna = LoopbackAnna.Start($"unix:path={Path.Combine(_noBus.FullName, "no-bus")}", Policy);
        _browser = await ChromiumPage.LaunchAsync();
        await _anna.SignInAsync(_browser.Page);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_browser is not null)
                await _browser.DisposeAsync();
        }
        finally
        {
            try
            {
                if (_anna is not null)
                    await _anna.DisposeAsync();
            }
            finally
            {
                _noBus.Delete(recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_refused_value_is_marked_at_its_field_and_the_file_stays_byte_for_byte()
    {
        var (anna, browser) = (_anna!, _browser!);
        var page = browser.Page;
        var circuit = new BlazorCircuit(page);
        var before = await File.ReadAllBytesAsync(anna.PolicyPath);
        var maxFailures = page.Locator($"[data-testid=setting][data-key='{PolicySettings.MaxFailures.Key}']");
        var status = page.GetByTestId("save-status");

        try
        {
            await page.GotoAsync(anna.BaseAddress.ToString());
            await circuit.InteractiveAsync(TimeSpan.FromSeconds(20));
            await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Uri(anna.BaseAddress, "settings").ToString());
            await Expect(maxFailures.Locator("input")).ToHaveValueAsync("4");
            await Expect(page.Locator("[data-testid=mode-option][data-mode=supervised]")).ToHaveAttributeAsync("data-checked", "true");

            await maxFailures.Locator("input").FillAsync("0");
            await maxFailures.Locator("input").PressAsync("Tab");
            await page.GetByTestId("save-settings").ClickAsync();

            await Expect(status).ToHaveAttributeAsync("data-outcome", "invalid");
            await Expect(maxFailures).ToContainTextAsync("0 is out of range; expected 1 to 100");
            await Expect(maxFailures.Locator(".mud-input-helper-text.mud-input-error")).ToBeVisibleAsync();
            Assert.Equal(before, await File.ReadAllBytesAsync(anna.PolicyPath));
            var policy = await anna.Client.Http.GetFromJsonAsync<JsonElement>("/api/v1/policy");
            Assert.Equal(4, policy.GetProperty("circuitBreaker").GetProperty("maxFailures").GetInt32());
            await ScreenshotAsync(page);

            // The same field with a good value is written in place, the rest of the file untouched.
            await maxFailures.Locator("input").FillAsync("5");
            await maxFailures.Locator("input").PressAsync("Tab");
            await page.GetByTestId("save-settings").ClickAsync();

            await Expect(status).ToHaveAttributeAsync("data-outcome", "written");
            await Expect(maxFailures.Locator(".mud-input-error")).ToHaveCountAsync(0);
            Assert.Equal(Policy.Replace("max_failures = 4", "max_failures = 5", StringComparison.Ordinal),
                await File.ReadAllTextAsync(anna.PolicyPath));
            Assert.True(browser.Problems.Count == 0, "the page reported problems:\n" + string.Join("\n", browser.Problems));
        }
        catch
        {
            var failed = Path.Combine(AppContext.BaseDirectory, "screenshots", "settings-failed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(failed)!);
            await page.ScreenshotAsync(new() { Path = failed, FullPage = true });
            output.WriteLine($"screenshot: {failed}");
            throw;
        }
    }

    /// <summary>The page with the refused value marked, for the documentation (docs/images/settings.png).</summary>
    private async Task ScreenshotAsync(IPage page)
    {
        // A window as tall as the page rather than a full-page capture: the layout's bar and menu are
        // fixed and the save bar is sticky, and a capture of a scrolled page would draw them mid-page.
        var viewport = page.ViewportSize!;
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        await page.SetViewportSizeAsync(viewport.Width, height);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var path = Path.Combine(RepositoryRoot.Path, "docs", "images", "settings.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new() { Path = path });
        await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
        output.WriteLine($"screenshot: {path}");
    }
}
