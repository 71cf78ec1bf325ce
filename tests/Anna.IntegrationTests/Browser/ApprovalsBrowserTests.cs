using System.Text.Json;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The Approvals page in a real browser: under supervised policy a killed ssh.service — a
/// medium-risk restart — is queued, shows up on the open page, and runs once approved there.
/// The unit lives in the sandboxed manager: the machine's own ssh is never touched.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class ApprovalsBrowserTests(SystemdSandboxFixture systemd, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Unit = "ssh.service";

    private AnnaInBrowser? _session;

    public async Task InitializeAsync() =>
        _session = await AnnaInBrowser.StartAsync(systemd, "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");

    public async Task DisposeAsync()
    {
        if (_session is not null)
            await _session.DisposeAsync();
    }

    [Fact]
    public async Task A_queued_medium_risk_restart_is_approved_on_the_page_and_executes()
    {
        var session = _session!;
        var page = session.Page;
        var pid = await session.StartSleeperAsync(Unit);
        try
        {
            await session.OpenAsync("approvals");
            await Expect(page.GetByTestId("no-approvals")).ToBeVisibleAsync();

            UnitDriver.Kill(pid);

            // Pushed to the open page; nothing runs before a person says so.
            var row = page.Locator($"[data-testid=approval-row][data-subject=\"{Unit}\"]");
            await Expect(row).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            await Expect(page.Locator("tr", new() { Has = row }).GetByTestId("risk")).ToHaveTextAsync("medium");
            await Expect(page.Locator("tr", new() { Has = row }).GetByTestId("reason")).ToHaveTextAsync("medium risk requires approval");
            Assert.True((await session.Units.StatusAsync(Unit)).IsFailed, "nothing runs before approval");

            await page.Locator("tr", new() { Has = row }).Locator("input[type=checkbox]").CheckAsync();
            await Expect(page.GetByTestId("approve-selected")).ToBeEnabledAsync();
            // The page as a person finds it: the request, why it asks, what it would change.
            output.WriteLine($"screenshot: {await DocsImages.SaveAsync(page, "approvals")}");
            await page.GetByTestId("approve-selected").ClickAsync();

            var after = await Eventually.HoldsAsync(() => session.Units.StatusAsync(Unit),
                s => s.IsActive && s.MainPid > 0 && s.MainPid != pid, "the approved restart");
            output.WriteLine($"{Unit} active again, main pid {after.MainPid}");
            var decided = page.Locator($"[data-testid=decided-row][data-subject=\"{Unit}\"]");
            await Expect(decided.GetByTestId("status")).ToHaveTextAsync("approved", new() { Timeout = 20_000 });
            await Expect(decided.GetByTestId("decided-by")).ToHaveTextAsync("root"); // the person signed in to the browser
            await Expect(page.GetByTestId("no-approvals")).ToBeVisibleAsync();
            var rows = await Eventually.HoldsAsync(() => session.Anna.Client.HistoryForAsync(Unit),
                r => r.Any(e => e.GetProperty("outcome").GetString() == "success"), "the success row");
            var success = rows.First(e => e.GetProperty("outcome").GetString() == "success");
            Assert.Equal("restart_critical_service", success.GetProperty("action").GetString());
            Assert.Equal("root", success.GetProperty("approvedBy").GetString());
            Assert.True(session.Browser.Problems.Count == 0, "the page reported problems:\n" + string.Join("\n", session.Browser.Problems));
        }
        catch
        {
            output.WriteLine($"screenshot: {await DocsImages.SaveFailureAsync(page, "approvals")}");
            throw;
        }
    }
}
