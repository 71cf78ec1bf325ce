using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// A real Anna on a loopback port watching the shared sandboxed systemd, the test's own hands on
/// that systemd, and Debian's Chromium on the dashboard. Disposal undoes it all in order: browser,
/// then Anna (so it does not heal what is being stopped), then every unit the test started.
/// </summary>
internal sealed class AnnaInBrowser : IAsyncDisposable
{
    private readonly List<string> _started = [];

    private AnnaInBrowser(UnitDriver units, LoopbackAnna anna, ChromiumPage browser)
    {
        Units = units;
        Anna = anna;
        Browser = browser;
    }

    public UnitDriver Units { get; }

    public LoopbackAnna Anna { get; }

    public ChromiumPage Browser { get; }

    public IPage Page => Browser.Page;

    public static async Task<AnnaInBrowser> StartAsync(SystemdSandboxFixture systemd, string policyToml)
    {
        var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        LoopbackAnna? anna = null;
        try
        {
            await units.ResetAllFailedAsync();
            anna = LoopbackAnna.Start(systemd.Sandbox.BusAddress, policyToml);
            var connected = anna;
            await Eventually.HoldsAsync(() => connected.Client.HealthAsync(),
                h => h.GetProperty("watching").TryGetProperty("systemd", out var s) && s.GetString() == "connected",
                "Anna to connect to the sandboxed systemd");
            var browser = await ChromiumPage.LaunchAsync();
            await anna.SignInAsync(browser.Page);
            return new AnnaInBrowser(units, anna, browser);
        }
        catch
        {
            if (anna is not null)
                await anna.DisposeAsync();
            await units.DisposeAsync();
            throw;
        }
    }

    /// <summary>Installs and starts a sleeping unit that disposal stops again; returns its main pid.</summary>
    public async Task<uint> StartSleeperAsync(string unit)
    {
        _started.Add(unit);
        return await Units.StartSleeperAsync(unit);
    }

    /// <summary>Opens a dashboard page and waits until its circuit is interactive (clicks reach it, pushes arrive).</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(new Uri(Anna.BaseAddress, path).ToString());
        await Expect(Page.Locator("[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.DisposeAsync();
        }
        finally
        {
            try
            {
                await Anna.DisposeAsync();
            }
            finally
            {
                try
                {
                    foreach (var unit in _started)
                        await Units.StopAsync(unit);
                }
                finally
                {
                    await Units.DisposeAsync();
                }
            }
        }
    }
}
