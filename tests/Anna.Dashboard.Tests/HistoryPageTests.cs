using Anna.Core.Vocabulary;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Sessions;
using Anna.Dashboard.Pages;
using Bunit;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Anna.Dashboard.Tests;

public sealed class HistoryPageTests : DashboardTestContext
{
    public HistoryPageTests()
    {
        Services.AddSingleton<ISessionStore>(Rig.Sessions);
    }

    [Fact]
    public async Task An_appended_entry_appears_live_when_an_event_is_published()
    {
        var cut = RenderPage();
        Assert.Empty(cut.FindAll("[data-testid=history-table-row]"));

        var entry = await AppendAsync("postgresql.service", ActionOutcome.Failed, approvedBy: "alice");
        // No re-render from the test: the page must follow the engine's event feed on its own.
        Feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, entry.StartedAt, "restart failed", Entry: entry));

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=history-table-row][data-subject='postgresql.service']");
            Assert.Equal("failed", row.GetAttribute("data-outcome"));
            Assert.Contains("restart_service", row.TextContent);
            Assert.Contains("1234 ms", row.TextContent);
            Assert.Contains("alice", row.TextContent);
        }, Patience);
    }

    [Fact]
    public async Task Entries_are_listed_newest_first()
    {
        await AppendAsync("old.service", ActionOutcome.Success);
        await AppendAsync("new.service", ActionOutcome.Success);

        var cut = RenderPage();

        var rows = cut.FindAll("[data-testid=history-table-row]");
        Assert.Equal(["new.service", "old.service"], rows.Select(r => r.GetAttribute("data-subject")));
    }

    [Fact]
    public async Task History_is_read_fifty_entries_a_page()
    {
        for (var i = 0; i < 60; i++)
            await AppendAsync($"unit{i:00}.service", ActionOutcome.Success);
        var cut = RenderPage();

        var rows = cut.FindAll("[data-testid=history-table-row]");
        Assert.Equal(50, rows.Count);
        Assert.Equal("unit59.service", rows[0].GetAttribute("data-subject"));

        cut.FindAll("[data-testid=history-pager] button").Single(b => b.TextContent.Trim() == "2").Click();

        cut.WaitForAssertion(() =>
        {
            var second = cut.FindAll("[data-testid=history-table-row]");
            Assert.Equal(10, second.Count);
            Assert.Equal("unit09.service", second[0].GetAttribute("data-subject"));
        }, Patience);
    }

    [Fact]
    public async Task The_outcome_filter_narrows_the_rows()
    {
        await AppendAsync("ok.service", ActionOutcome.Success);
        await AppendAsync("broken.service", ActionOutcome.Failed);
        await AppendAsync("maybe.service", ActionOutcome.Suggested);
        var cut = RenderPage();
        Assert.Equal(3, cut.FindAll("[data-testid=history-table-row]").Count);

        // As a person would: open the outcome select and pick "failed".
        cut.Find("[data-testid=filter-outcome]").Closest(".mud-input-control")!.MouseDown();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => popovers.Find(".mud-popover-open [data-outcome=failed]"), Patience);
        popovers.Find(".mud-popover-open [data-outcome=failed]").Closest(".mud-list-item")!.Click();

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=history-table-row]");
            var row = Assert.Single(rows);
            Assert.Equal("broken.service", row.GetAttribute("data-subject"));
            Assert.Equal("failed", row.GetAttribute("data-outcome"));
        }, Patience);
    }

    [Fact]
    public async Task Ten_thousand_entries_are_paged_by_the_store_and_the_filter_counts_matches_on_every_page()
    {
        // Every hundredth action failed: 100 failures spread over 200 pages of 50.
        for (var i = 0; i < 10_000; i++)
            await AppendAsync($"unit{i:0000}.service", i % 100 == 42 ? ActionOutcome.Failed : ActionOutcome.Success);
        var cut = RenderPage();

        Assert.Equal(50, cut.FindAll("[data-testid=history-table-row]").Count);
        Assert.Equal("10000", cut.Find("[data-testid=history-total]").GetAttribute("data-total"));
        Assert.Contains("10,000 actions", cut.Find("[data-testid=history-total]").TextContent);
        var readsBefore = History.ListCalls;

        cut.Find("[data-testid=filter-outcome]").Closest(".mud-input-control")!.MouseDown();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => popovers.Find(".mud-popover-open [data-outcome=failed]"), Patience);
        popovers.Find(".mud-popover-open [data-outcome=failed]").Closest(".mud-list-item")!.Click();

        cut.WaitForAssertion(() =>
        {
            // The failures of all 200 pages, not just the loaded one: the store filtered them.
            Assert.Equal("100", cut.Find("[data-testid=history-total]").GetAttribute("data-total"));
            Assert.Contains("100 actions match", cut.Find("[data-testid=history-total]").TextContent);
            var rows = cut.FindAll("[data-testid=history-table-row]");
            Assert.Equal(50, rows.Count);
            Assert.All(rows, r => Assert.Equal("failed", r.GetAttribute("data-outcome")));
            Assert.Equal("unit9942.service", rows[0].GetAttribute("data-subject"));
        }, Patience);

        cut.FindAll("[data-testid=history-pager] button").Single(b => b.TextContent.Trim() == "2").Click();

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-testid=history-table-row]");
            Assert.Equal(50, rows.Count);
            Assert.Equal("unit4942.service", rows[0].GetAttribute("data-subject"));
            Assert.Equal("unit0042.service", rows[^1].GetAttribute("data-subject"));
        }, Patience);
        // One read per filter change and per page, not one per entry or per page of the whole history.
        Assert.InRange(History.ListCalls - readsBefore, 2, 4);
    }

    [Fact]
    public async Task A_link_with_filters_opens_the_page_filtered()
    {
        await AppendAsync("ok.service", ActionOutcome.Success);
        await AppendAsync("broken.service", ActionOutcome.Failed);
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("history?outcome=failed&kind=nonsense");

        var cut = RenderPage();

        var row = Assert.Single(cut.FindAll("[data-testid=history-table-row]"));
        Assert.Equal("broken.service", row.GetAttribute("data-subject"));
    }

    [Fact]
    public async Task Clicking_a_row_opens_the_drawer_with_the_reason_and_the_detail()
    {
        var session = Guid.NewGuid();
        await AppendAsync("nginx.service", ActionOutcome.Failed, session: session,
            detail: "Job for nginx.service failed.\nSee journalctl -xeu nginx.service");
        var cut = RenderPage();
        Assert.Empty(cut.FindAll("[data-testid=history-detail]"));

        cut.Find("[data-testid=history-table-row][data-subject='nginx.service']").Click();

        var detail = cut.Find("[data-testid=history-detail]");
        Assert.Contains("autonomous: service_restart is allowed", cut.Find("[data-testid=detail-reason]").TextContent);
        var output = cut.Find("[data-testid=detail-output]");
        Assert.Equal("pre", output.TagName, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("Job for nginx.service failed.\nSee journalctl -xeu nginx.service", output.TextContent);
        Assert.Contains(session.ToString(), detail.TextContent);
        Assert.Contains("implied", detail.TextContent);
        Assert.Contains("autonomous", detail.TextContent);
    }

    [Fact]
    public async Task Sessions_are_listed_with_their_state_before_and_after()
    {
        var now = DateTimeOffset.UtcNow;
        await Rig.Sessions.SaveAsync(new HealingSessionRecord
        {
            Id = Guid.NewGuid(), Trigger = SessionTrigger.Signal, StartedAt = now.AddMinutes(-5), FinishedAt = now.AddMinutes(-4),
            StateBefore = SystemState.Degraded, StateAfter = SystemState.Healthy, Executed = 2, Succeeded = 2,
        }, CancellationToken.None);
        await Rig.Sessions.SaveAsync(new HealingSessionRecord
        {
            Id = Guid.NewGuid(), Trigger = SessionTrigger.Scan, StartedAt = now,
            StateBefore = SystemState.Critical, Queued = 3,
        }, CancellationToken.None);

        var cut = RenderPage();

        var rows = cut.FindAll("[data-testid=session-row]");
        Assert.Equal(2, rows.Count);
        // Newest first; the one still running has no "after" yet.
        Assert.Equal("critical", rows[0].GetAttribute("data-before"));
        Assert.Equal("", rows[0].GetAttribute("data-after"));
        Assert.Contains("running", rows[0].TextContent);
        Assert.Equal("degraded", rows[1].GetAttribute("data-before"));
        Assert.Equal("healthy", rows[1].GetAttribute("data-after"));
        Assert.Matches(@"DEGRADED\s*→\s*HEALTHY", rows[1].TextContent);
        Assert.Contains("signal", rows[1].TextContent);
    }

    [Fact]
    public async Task An_auto_healed_issue_shows_its_entry_and_its_session_live()
    {
        Config.Current = new HealingOptions { Policy = HealingPolicy.Autonomous };
        var cut = RenderPage();

        await Engine.ObserveAsync(FailedService("cron.service"), CancellationToken.None);
        await Engine.WhenIdleAsync();

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=history-table-row][data-subject='cron.service']");
            Assert.Equal("success", row.GetAttribute("data-outcome"));
            Assert.NotEmpty(cut.FindAll("[data-testid=session-row]"));
        }, Patience);
    }

    [Fact]
    public async Task Disposing_the_page_unsubscribes_from_the_feed()
    {
        RenderPage();
        var reads = History.ListCalls;

        await DisposeComponentsAsync();
        Feed.Publish(new EngineEvent(EngineEventKind.ConfigReloaded, DateTimeOffset.UtcNow, "reloaded"));
        // Proving that nothing happens needs a little waiting: longer than a refresh would take.
        await Task.Delay(300);

        Assert.Equal(reads, History.ListCalls);
    }

    // The popover provider hosts the select's list, as MainLayout does in the app.
    private IRenderedComponent<ContainerFragment>? _popovers;

    private IRenderedComponent<History> RenderPage()
    {
        _popovers = Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
        });
        return Render<History>();
    }

    private async Task<HistoryEntry> AppendAsync(string subject, ActionOutcome outcome, string? approvedBy = null,
        Guid? session = null, string detail = "unit is active")
    {
        var now = DateTimeOffset.UtcNow;
        var entry = new HistoryEntry
        {
            IssueKind = IssueKind.FailedService,
            Subject = subject,
            Action = "restart_service",
            Category = ActionCategory.ServiceRestart,
            Risk = ActionRisk.Safe,
            Policy = HealingPolicy.Autonomous,
            Decision = DecisionKind.Execute,
            Consent = ConsentLevel.Implied,
            Reason = "autonomous: service_restart is allowed",
            Outcome = outcome,
            StartedAt = now,
            FinishedAt = now.AddMilliseconds(1234),
            DurationMs = 1234,
            Detail = detail,
            SessionId = session,
            ApprovedBy = approvedBy,
        };
        return entry with { Id = await History.AppendAsync(entry, CancellationToken.None) };
    }
}
