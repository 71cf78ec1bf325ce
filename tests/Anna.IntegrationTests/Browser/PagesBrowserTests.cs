using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Anna.IntegrationTests.Browser;

/// <summary>
/// The Services and Stats pages in a real browser, each following a real heal of a killed unit
/// without a reload.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class PagesBrowserTests(SystemdSandboxFixture systemd, ITestOutputHelper output) : IAsyncLifetime
{
    private AnnaInBrowser? _session;

    public async Task InitializeAsync() =>
        _session = await AnnaInBrowser.StartAsync(systemd, "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");

    public async Task DisposeAsync()
    {
        if (_session is not null)
            await _session.DisposeAsync();
    }

    [Fact]
    public async Task The_services_page_shows_a_killed_unit_healed_by_anna()
    {
        const string unit = "e2e-services.service";
        var session = _session!;
        var page = session.Page;
        var pid = await session.StartSleeperAsync(unit);
        try
        {
            await session.OpenAsync("services");
            var row = page.Locator($"[data-testid=service-row][data-unit=\"{unit}\"]");
            await Expect(row).ToHaveAttributeAsync("data-state", "active");

            UnitDriver.Kill(pid);

            await Eventually.HoldsAsync(() => session.Anna.Client.HistoryForAsync(unit),
                r => r.Any(e => e.GetProperty("outcome").GetString() == "success"), "Anna's heal");
            // The unit's new main pid reaches the page through the heal's events.
            var now = await session.Units.StatusAsync(unit);
            await Expect(row).ToContainTextAsync(now.MainPid.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
            await Expect(row).ToHaveAttributeAsync("data-state", "active");
            await Expect(row.GetByTestId("unit-state")).ToHaveTextAsync("active/running");
            // One successful heal: no failure was counted against the unit.
            await Expect(row.GetByTestId("breaker")).ToHaveAttributeAsync("data-breaker", "none");
            Assert.True(session.Browser.Problems.Count == 0, "the page reported problems:\n" + string.Join("\n", session.Browser.Problems));
            output.WriteLine($"screenshot: {await DocsImages.SaveAsync(page, "services")}");
        }
        catch
        {
            output.WriteLine($"screenshot: {await DocsImages.SaveFailureAsync(page, "services")}");
            throw;
        }
    }

    [Fact]
    public async Task The_stats_page_counts_a_heal_live()
    {
        const string unit = "e2e-stats.service";
        var session = _session!;
        var page = session.Page;
        var pid = await session.StartSleeperAsync(unit);
        try
        {
            await session.OpenAsync("stats");
            await Expect(page.GetByTestId("stats-empty")).ToBeVisibleAsync();

            UnitDriver.Kill(pid);

            await Expect(page.GetByTestId("stat-total-heals")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
            await Expect(page.GetByTestId("stat-success-rate")).ToHaveTextAsync("100 %");
            await Expect(page.GetByTestId("stat-rollback-rate")).ToHaveTextAsync("0 %");
            await Expect(page.Locator("[data-testid=outcome-count][data-outcome=success]")).ToHaveTextAsync("success: 1");

            // Every chart with data draws something with area (a bar, a slice) — not only its axes and labels.
            var charts = page.Locator("[data-testid^=chart-]");
            Assert.Equal(["chart-common-issues", "chart-outcomes", "chart-success-rate"],
                (await charts.EvaluateAllAsync<string[]>("cs => cs.map(c => c.dataset.testid)")).Order());
            // A mark is a shape outside the grid and axes that covers an area, by its fill or by its
            // stroke (MudBlazor draws a bar as one thick stroke).
            const string Marks = """
                cs => cs.map(c => [...c.querySelectorAll('svg path, svg rect, svg circle, svg polygon')]
                    .filter(e => !e.closest('.mud-charts-grid, .mud-charts-xaxis, .mud-charts-yaxis'))
                    .filter(e => {
                        const b = e.getBBox(), style = getComputedStyle(e);
                        const stroke = style.stroke !== 'none' ? parseFloat(style.strokeWidth) || 0 : 0;
                        return Math.max(b.width, stroke) * Math.max(b.height, stroke) > 4;
                    }).length)
                """;
            int[] drawn = [];
            for (var wait = 0; wait < 50 && (drawn.Length == 0 || drawn.Any(m => m == 0)); wait++)
            {
                // Charts follow the figures on the next render; bars may grow in from zero height.
                await Task.Delay(100);
                drawn = await charts.EvaluateAllAsync<int[]>(Marks);
            }
            if (drawn.Any(m => m == 0))
                output.WriteLine(await page.Locator("[data-testid=chart-success-rate]").InnerHTMLAsync());
            Assert.All(drawn, marks => Assert.True(marks > 0, $"a chart with data drew nothing: {string.Join(", ", drawn)}"));
            Assert.True(session.Browser.Problems.Count == 0, "the page reported problems:\n" + string.Join("\n", session.Browser.Problems));
            output.WriteLine($"screenshot: {await DocsImages.SaveAsync(page, "stats")}");
        }
        catch
        {
            output.WriteLine($"screenshot: {await DocsImages.SaveFailureAsync(page, "stats")}");
            throw;
        }
    }

    [Fact]
    public async Task The_insights_page_learns_from_two_heals_live()
    {
        const string unit = "e2e-insights.service";
        var session = _session!;
        var page = session.Page;
        var pid = await session.StartSleeperAsync(unit);
        try
        {
            await session.OpenAsync("insights");
            await Expect(page.GetByTestId("insights-no-issues")).ToBeVisibleAsync();

            for (var heal = 1; heal <= 2; heal++)
            {
                UnitDriver.Kill(pid);
                var rows = await Eventually.HoldsAsync(() => session.Anna.Client.HistoryForAsync(unit),
                    r => r.Count(e => e.GetProperty("outcome").GetString() == "success") == heal, $"Anna's heal {heal}");
                pid = (await Eventually.HoldsAsync(() => session.Units.StatusAsync(unit), s => s.IsActive && s.MainPid > 0, "the unit up")).MainPid;
            }

            var row = page.Locator("[data-testid=insights-issue-row][data-issue=failed_service]");
            await Expect(row.GetByTestId("occurrences")).ToHaveTextAsync("2", new() { Timeout = 20_000 });
            await Expect(row.GetByTestId("rate")).ToHaveTextAsync("100 %");
            await Expect(page.GetByText("Success Rate: 100% (2/2 auto-heal attempts)")).ToBeVisibleAsync();
            Assert.True(session.Browser.Problems.Count == 0, "the page reported problems:\n" + string.Join("\n", session.Browser.Problems));
            // The heals' notices are dismissed as a person would, so the picture shows the page itself.
            var notices = page.Locator(".mud-snackbar");
            for (var n = await notices.CountAsync(); n > 0; n--)
                await notices.Nth(n - 1).Locator("button").Last.ClickAsync(); // the close button
            await Expect(notices).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            output.WriteLine($"screenshot: {await DocsImages.SaveAsync(page, "insights")}");
        }
        catch
        {
            output.WriteLine($"screenshot: {await DocsImages.SaveFailureAsync(page, "insights")}");
            throw;
        }
    }
}
