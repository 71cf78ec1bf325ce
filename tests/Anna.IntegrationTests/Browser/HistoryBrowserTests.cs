using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The History page in a real browser against a real Anna and systemd: Anna heals a killed unit
/// on its own (the toast says so), and Undo in the history drawer puts the machine back as it was
/// before the heal — the unit stopped again, through the journal's StopServiceStep — with the undo
/// itself listed as a history row.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class HistoryBrowserTests(SystemdSandboxFixture systemd, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Unit = "e2e-undo.service";

    private AnnaInBrowser? _session;

    public async Task InitializeAsync() =>
        _session = await AnnaInBrowser.StartAsync(systemd, "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");

    public async Task DisposeAsync()
    {
        if (_session is not null)
            await _session.DisposeAsync();
    }

    [Fact]
    public async Task Undo_of_an_automatic_heal_stops_the_unit_again_and_lists_the_undo()
    {
        var session = _session!;
        var page = session.Page;
        var pid = await session.StartSleeperAsync(Unit);
        try
        {
            await session.OpenAsync("history");

            UnitDriver.Kill(pid);

            // The heal arrives on the open page by itself, with the toast that tells of it.
            var healed = page.Locator($"[data-testid=history-table-row][data-subject=\"{Unit}\"][data-action=restart_service][data-outcome=success]");
            await Expect(healed).ToHaveCountAsync(1, new() { Timeout = 20_000 });
            await Expect(page.GetByTestId("auto-heal-toast")).ToContainTextAsync("Anna automatically healed 1 issue");
            await Expect(page.GetByTestId("auto-heal-toast")).ToContainTextAsync(Unit);
            var running = await session.Units.StatusAsync(Unit);
            Assert.True(running.IsActive && running.MainPid != pid, $"Anna restarted {Unit}: {running}");

            await healed.ClickAsync();
            var drawer = page.GetByTestId("history-detail");
            await Expect(drawer).ToBeVisibleAsync();
            await Expect(page.GetByTestId("rollback-step")).ToHaveAttributeAsync("data-kind", "stop_service");
            await Expect(page.GetByTestId("step-before")).ToHaveTextAsync($"{Unit} was not running");
            await Expect(page.GetByTestId("undo-status")).ToHaveAttributeAsync("data-status", "available");

            await page.GetByTestId("undo-action").ClickAsync();
            var item = page.GetByTestId("undo-item");
            await Expect(item.GetByTestId("undo-step")).ToHaveTextAsync($"stop {Unit} (it was not running before)");
            Assert.True((await session.Units.StatusAsync(Unit)).IsActive, "nothing is undone before confirming");
            await page.GetByTestId("confirm-undo").ClickAsync();

            var stopped = await Eventually.HoldsAsync(() => session.Units.StatusAsync(Unit), s => !s.IsActive, $"{Unit} to be stopped again");
            output.WriteLine($"after undo: {stopped}");
            Assert.False(stopped.IsFailed, "undo stops the unit cleanly; it is not a new failure");
            var undoRow = page.Locator($"[data-testid=history-table-row][data-subject=\"{Unit}\"][data-action=undo]");
            await Expect(undoRow).ToHaveAttributeAsync("data-outcome", "success", new() { Timeout = 20_000 });
            await Expect(page.GetByTestId("undo-status")).ToHaveAttributeAsync("data-status", "already_undone");
            var rows = await session.Anna.Client.HistoryForAsync(Unit);
            var undo = Assert.Single(rows, r => r.GetProperty("action").GetString() == "undo");
            Assert.Equal("root", undo.GetProperty("approvedBy").GetString()); // the person signed in to the browser
            // Stopped is the state before the failure Anna healed: no new issue, nothing healed again.
            await Task.Delay(1000);
            Assert.False((await session.Units.StatusAsync(Unit)).IsActive, "Anna must not restart a unit a person stopped through undo");
            Assert.True(session.Browser.Problems.Count == 0, "the page reported problems:\n" + string.Join("\n", session.Browser.Problems));
            output.WriteLine($"screenshot: {await DocsImages.SaveAsync(page, "history")}");
        }
        catch
        {
            output.WriteLine($"screenshot: {await DocsImages.SaveFailureAsync(page, "history")}");
            throw;
        }
    }
}
