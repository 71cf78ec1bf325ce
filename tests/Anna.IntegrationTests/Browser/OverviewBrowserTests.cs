using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The Overview page in a real browser, connected to a real Anna watching a real systemd: a unit
/// killed while the page is open shows up and heals on screen without a reload.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class OverviewBrowserTests(SystemdSandboxFixture systemd, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 1
        """;

    private const string Unit = "e2e-browser.service";

    // Records, inside the page, whether the state chip ever left HEALTHY or an issue row for the
    // unit appeared: the degraded moment lasts about the settle period and must not be missed
    // between two polls. The record lives in the window, so it also proves the page never reloaded.
    private const string WatchForTrouble = """
        subject => {
            const seen = new Set();
            window.__annaTrouble = seen;
            const look = () => {
                const chip = document.querySelector('[data-testid=system-state]');
                if (chip && chip.dataset.state !== 'healthy')
                    seen.add('state:' + chip.dataset.state);
                for (const row of document.querySelectorAll('[data-testid=issue-row]'))
                    if (row.dataset.subject === subject)
                        seen.add('issue-row');
            };
            new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            look();
        }
        """;

    private UnitDriver? _units;
    private LoopbackAnna? _anna;
    private ChromiumPage? _browser;
    private bool _unitStarted;

    public async Task InitializeAsync()
    {
        _units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await _units.ResetAllFailedAsync();
        var anna = _anna = LoopbackAnna.Start(systemd.Sandbox.BusAddress, Policy);
        await Eventually.HoldsAsync(() => anna.Client.HealthAsync(),
            h => h.GetProperty("watching").TryGetProperty("systemd", out var s) && s.GetString() == "connected",
            "Anna to connect to the sandboxed systemd");
        _browser = await ChromiumPage.LaunchAsync();
        await _anna.SignInAsync(_browser.Page);
    }

    public async Task DisposeAsync()
    {
        // Every step runs even when setup stopped half way or an earlier step threw: browser first,
        // then Anna (so it does not heal the unit being stopped), then the unit.
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
                if (_units is not null)
                {
                    try
                    {
                        if (_unitStarted)
                            await _units.StopAsync(Unit);
                    }
                    finally
                    {
                        await _units.DisposeAsync();
                    }
                }
            }
        }
    }

    [Fact]
    public async Task A_unit_killed_while_the_page_is_open_shows_up_and_heals_without_a_reload()
    {
        var (units, anna, browser) = (_units!, _anna!, _browser!);
        var page = browser.Page;
        _unitStarted = true;
        var pid = await units.StartSleeperAsync(Unit);
        var circuit = new BlazorCircuit(page);
        var state = page.GetByTestId("system-state");
        var healed = page.Locator($"[data-testid=history-row][data-subject=\"{Unit}\"][data-outcome=\"success\"]");

        try
        {
            await page.GotoAsync(anna.BaseAddress.ToString());
            await Expect(state).ToHaveAttributeAsync("data-state", "healthy");
            await Expect(page.GetByTestId("watching")).ToContainTextAsync("systemd: connected");
            await circuit.InteractiveAsync(TimeSpan.FromSeconds(20));
            await page.EvaluateAsync(WatchForTrouble, Unit);

            UnitDriver.Kill(pid);

            await Expect(healed).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            await Expect(state).ToHaveAttributeAsync("data-state", "healthy");
            await Expect(state).ToHaveTextAsync("HEALTHY");
            var trouble = await page.EvaluateAsync<string[]>("() => Array.from(window.__annaTrouble)");
            output.WriteLine($"the page showed: {string.Join(", ", trouble)}");
            Assert.True(trouble.Length > 0, "the page never showed the unit's failure: no DEGRADED state, no issue row");
            Assert.True(browser.Problems.Count == 0, "the page reported problems:\n" + string.Join("\n", browser.Problems));
            Assert.True((await units.StatusAsync(Unit)).IsActive);
            output.WriteLine($"screenshot: {await DocsImages.SaveAsync(page, "overview")}");
        }
        catch
        {
            output.WriteLine($"screenshot: {await DocsImages.SaveFailureAsync(page, "overview")}");
            throw;
        }
    }
}
