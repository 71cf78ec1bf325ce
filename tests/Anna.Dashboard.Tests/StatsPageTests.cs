using Anna.Core.Vocabulary;
using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Risk;
using StatsPage = Anna.Dashboard.Pages.Stats;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Dashboard.Tests;

public sealed class StatsPageTests : DashboardTestContext
{
    public StatsPageTests()
    {
        Services.AddSingleton(Rig.Breaker);
        Services.AddSingleton(Rig.Approvals);
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public void Without_history_the_page_says_statistics_come_after_the_first_actions()
    {
        var cut = Render<StatsPage>();

        cut.WaitForAssertion(() =>
            Assert.Contains("No healing yet — statistics appear after the first actions.", cut.Find("[data-testid=stats-empty]").TextContent),
            Patience);
        Assert.Empty(cut.FindAll("[data-testid=stat-total-heals]"));
    }

    [Fact]
    public async Task Cards_show_heals_success_rate_breaker_trips_approval_rate_and_time_saved()
    {
        await AppendAsync(ActionOutcome.Success, ActionOutcome.Success, ActionOutcome.Success, ActionOutcome.Failed,
            ActionOutcome.Suggested, ActionOutcome.AwaitingApproval);
        await History.AppendAsync(HealingStatisticsTests.Entry(ActionOutcome.Success) with { ApprovedBy = "alice" }, CancellationToken.None);
        await Rig.BreakerStore.SaveAsync(new BreakerRecord("nginx.service", BreakerState.Closed, [], null, 2), CancellationToken.None);
        await Rig.BreakerStore.SaveAsync(new BreakerRecord(BreakerRecord.Global, BreakerState.Closed, [], null, 1), CancellationToken.None);
        await Rig.Breaker.InitializeAsync(CancellationToken.None);
        await AddApprovalsAsync(ApprovalStatus.Approved, ApprovalStatus.Approved, ApprovalStatus.Approved, ApprovalStatus.Rejected,
            ApprovalStatus.Pending);

        var cut = Render<StatsPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("5", Card(cut, "stat-total-heals"));
            Assert.Equal("80 %", Card(cut, "stat-success-rate"));
            Assert.Equal("3", Card(cut, "stat-breaker-trips"));
            Assert.Equal("75 %", Card(cut, "stat-approval-rate"));
            Assert.Equal("15 min", Card(cut, "stat-time-saved")); // 3 automatic successes; the approved one needed a person
        }, Patience);
        Assert.Contains("5 min of a person's time", cut.Find("[data-testid=stat-time-saved]").ParentElement!.TextContent);
        Assert.NotEmpty(cut.FindAll("[data-testid=chart-success-rate] svg"));
        // A chart with data must draw it: one bar for the one day that had heals, not just its axes.
        Assert.Single(cut.FindAll("[data-testid=chart-success-rate] svg .mud-chart-bar"));
        Assert.NotEmpty(cut.FindAll("[data-testid=chart-common-issues] svg"));
        Assert.NotEmpty(cut.FindAll("[data-testid=chart-outcomes] svg"));
        var outcomes = cut.FindAll("[data-testid=chart-outcomes] [data-testid=outcome-count]")
            .ToDictionary(c => c.GetAttribute("data-outcome")!, c => c.TextContent.Trim());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["success"] = "success: 4", ["failed"] = "failed: 1", ["suggested"] = "suggested: 1",
                ["awaiting_approval"] = "awaiting approval: 1", ["rejected"] = "rejected: 0", ["deferred"] = "deferred: 0",
            }, outcomes);
        Assert.Empty(cut.FindAll("[data-testid=stats-empty]"));
    }

    [Fact]
    public async Task An_appended_entry_and_its_event_update_the_cards_live()
    {
        await AppendAsync(ActionOutcome.Success);
        var cut = Render<StatsPage>();
        cut.WaitForAssertion(() => Assert.Equal("100 %", Card(cut, "stat-success-rate")), Patience);

        // No re-render from the test: the page must follow the engine's event feed on its own.
        var entry = HealingStatisticsTests.Entry(ActionOutcome.Failed, at: DateTimeOffset.UtcNow);
        entry = entry with { Id = await History.AppendAsync(entry, CancellationToken.None) };
        Feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, DateTimeOffset.UtcNow, "restart failed", Entry: entry));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2", Card(cut, "stat-total-heals"));
            Assert.Equal("50 %", Card(cut, "stat-success-rate"));
        }, Patience);
    }

    [Fact]
    public async Task The_first_action_replaces_the_empty_state_live()
    {
        var cut = Render<StatsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=stats-empty]"), Patience);

        var entry = HealingStatisticsTests.Entry(ActionOutcome.Success, at: DateTimeOffset.UtcNow);
        entry = entry with { Id = await History.AppendAsync(entry, CancellationToken.None) };
        Feed.Publish(new EngineEvent(EngineEventKind.ActionSucceeded, DateTimeOffset.UtcNow, "restarted", Entry: entry));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("1", Card(cut, "stat-total-heals"));
            Assert.Equal("5 min", Card(cut, "stat-time-saved"));
        }, Patience);
    }

    [Fact]
    public async Task The_rollback_rate_card_counts_rolled_back_heals_and_undos()
    {
        await AppendAsync(ActionOutcome.Success, ActionOutcome.Success, ActionOutcome.Failed, ActionOutcome.RolledBack, ActionOutcome.InProgress);
        await History.AppendAsync(HealingStatisticsTests.Entry(ActionOutcome.Success, at: DateTimeOffset.UtcNow) with
        {
            Action = Core.Rollback.UndoService.UndoActionName,
            ApprovedBy = "alice",
        }, CancellationToken.None);

        var cut = Render<StatsPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("4", Card(cut, "stat-total-heals"));
            Assert.Equal("50 %", Card(cut, "stat-success-rate"));
            Assert.Equal("25 %", Card(cut, "stat-rollback-rate"));
            Assert.Contains("1 of 4 heals failed and were rolled back; 1 undone by a person",
                cut.Find("[data-testid=stat-rollback-rate]").ParentElement!.TextContent);
            var outcomes = cut.FindAll("[data-testid=chart-outcomes] [data-testid=outcome-count]")
                .ToDictionary(c => c.GetAttribute("data-outcome")!, c => c.TextContent.Trim());
            Assert.Equal("rolled back: 1", outcomes["rolled_back"]);
            Assert.Equal("in progress: 1", outcomes["in_progress"]);
        }, Patience);
    }

    [Fact]
    public async Task Counts_every_entry_and_times_heals_from_the_latest_two_thousand()
    {
        for (var i = 0; i < 2_100; i++)
            await History.AppendAsync(HealingStatisticsTests.Entry(ActionOutcome.Success, at: DateTimeOffset.UtcNow), CancellationToken.None);

        var cut = Render<StatsPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("2100", Card(cut, "stat-total-heals"));
            Assert.Contains("all 2,100 history entries; time to heal over the latest 2,000", cut.Find("[data-testid=stats-scope]").TextContent);
        }, Patience);
    }

    [Fact]
    public async Task Disposing_the_page_ends_its_subscription()
    {
        var cut = Render<StatsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=stats-empty]"), Patience);
        var reads = History.ListCalls;

        await DisposeComponentsAsync();
        Feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, DateTimeOffset.UtcNow, "after dispose"));

        // Proving that nothing happens needs a little waiting: longer than a refresh would take.
        await Task.Delay(300);
        Assert.Equal(reads, History.ListCalls);
    }

    private static string Card(IRenderedComponent<StatsPage> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").TextContent.Trim();

    private async Task AppendAsync(params ActionOutcome[] outcomes)
    {
        foreach (var outcome in outcomes)
            await History.AppendAsync(HealingStatisticsTests.Entry(outcome, at: DateTimeOffset.UtcNow), CancellationToken.None);
    }

    private async Task AddApprovalsAsync(params ApprovalStatus[] statuses)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var status in statuses)
        {
            await Rig.ApprovalStore.AddAsync(new ApprovalRequest
            {
                Id = Guid.NewGuid(),
                IssueKey = "failed_service:nginx.service",
                IssueKind = IssueKind.FailedService,
                Subject = "nginx.service",
                Action = "restart_service",
                Category = ActionCategory.ServiceRestart,
                Risk = ActionRisk.Safe,
                DryRun = "would restart nginx.service",
                Reason = "test",
                CreatedAt = now,
                ExpiresAt = now.AddHours(1),
                Status = status,
            }, CancellationToken.None);
        }
    }
}
