using Anna.Core.Vocabulary;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Dashboard.Pages;
using Bunit;

namespace Anna.Dashboard.Tests;

public sealed class OverviewTests : DashboardTestContext
{
    [Fact]
    public void Healthy_machine_shows_HEALTHY_and_the_empty_state()
    {
        Watch.Set("systemd", "connected");

        var cut = Render<Overview>();

        Assert.Equal("HEALTHY", cut.Find("[data-testid=system-state]").TextContent.Trim());
        Assert.Contains("No issues — all watched units are fine", cut.Find("[data-testid=no-issues]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=issue-row]"));
        Assert.Contains("systemd: connected", cut.Find("[data-testid=watching]").TextContent);
    }

    [Fact]
    public async Task An_observed_failure_shows_up_by_itself_and_goes_away_when_resolved()
    {
        var cut = Render<Overview>();
        var issue = FailedService("nginx.service");

        // No re-render from the test: the page must follow the engine's event feed on its own.
        await Engine.ObserveAsync(issue, CancellationToken.None);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("DEGRADED", cut.Find("[data-testid=system-state]").TextContent.Trim());
            var row = cut.Find("[data-testid=issue-row][data-subject='nginx.service']");
            Assert.Contains("failed_service", row.TextContent);
            Assert.Contains("Restart nginx.service", row.TextContent);
            // Default policy is guided: the restart is only suggested, and the page says why.
            Assert.Equal("suggest", row.QuerySelector("[data-testid=decision]")!.GetAttribute("data-decision"));
            Assert.Contains("policy is guided", row.TextContent);
        }, Patience);

        await Engine.ResolveAsync(issue.Key, "unit is active again", CancellationToken.None);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("HEALTHY", cut.Find("[data-testid=system-state]").TextContent.Trim());
            Assert.Empty(cut.FindAll("[data-testid=issue-row]"));
        }, Patience);
    }

    [Fact]
    public async Task A_critical_issue_shows_CRITICAL()
    {
        var cut = Render<Overview>();

        await Engine.ObserveAsync(FailedService("sshd.service", IssueSeverity.Critical), CancellationToken.None);

        cut.WaitForAssertion(() =>
            Assert.Equal("CRITICAL", cut.Find("[data-testid=system-state]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task An_appended_history_entry_appears_with_its_outcome_when_an_event_is_published()
    {
        var cut = Render<Overview>();
        var now = DateTimeOffset.UtcNow;
        var entry = new HistoryEntry
        {
            IssueKind = IssueKind.FailedService,
            Subject = "postgresql.service",
            Action = "restart_service",
            Category = ActionCategory.ServiceRestart,
            Risk = ActionRisk.Safe,
            Policy = HealingPolicy.Autonomous,
            Decision = DecisionKind.Execute,
            Consent = ConsentLevel.Implied,
            Reason = "autonomous: service_restart is allowed",
            Outcome = ActionOutcome.Failed,
            StartedAt = now,
            FinishedAt = now.AddMilliseconds(1234),
            DurationMs = 1234,
            Detail = "unit failed again within the settle period",
        };

        entry = entry with { Id = await History.AppendAsync(entry, CancellationToken.None) };
        Feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, now, "restart failed", Entry: entry));

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("[data-testid=history-row][data-subject='postgresql.service']");
            Assert.Equal("failed", row.GetAttribute("data-outcome"));
            Assert.Contains("1234 ms", row.TextContent);
            Assert.Contains("unit failed again", row.TextContent);
        }, Patience);
    }

    [Fact]
    public async Task An_auto_healed_issue_ends_as_a_success_row_and_a_healthy_machine()
    {
        Config.Current = new HealingOptions { Policy = HealingPolicy.Autonomous };
        var cut = Render<Overview>();

        await Engine.ObserveAsync(FailedService("cron.service"), CancellationToken.None);
        await Engine.WhenIdleAsync();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("HEALTHY", cut.Find("[data-testid=system-state]").TextContent.Trim());
            var row = cut.Find("[data-testid=history-row][data-subject='cron.service']");
            Assert.Equal("success", row.GetAttribute("data-outcome"));
        }, Patience);
    }

    [Fact]
    public async Task A_suggestion_is_listed_as_suggested_and_approval_as_awaiting_approval()
    {
        Config.Current = new HealingOptions { Policy = HealingPolicy.Guided };
        var cut = Render<Overview>();
        await Engine.ObserveAsync(FailedService("a.service"), CancellationToken.None);

        Config.Current = new HealingOptions { Policy = HealingPolicy.Autonomous, NeverAutoHeal = new HashSet<ActionCategory> { ActionCategory.ServiceRestart } };
        await Engine.ObserveAsync(FailedService("b.service"), CancellationToken.None);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("suggested", cut.Find("[data-testid=history-row][data-subject='a.service']").GetAttribute("data-outcome"));
            Assert.Equal("awaiting_approval", cut.Find("[data-testid=history-row][data-subject='b.service']").GetAttribute("data-outcome"));
        }, Patience);
    }

    [Fact]
    public void Watch_status_changes_are_shown_live()
    {
        var cut = Render<Overview>();

        Watch.Set("systemd", "reconnecting: the bus went away");

        cut.WaitForAssertion(() =>
            Assert.Contains("systemd: reconnecting", cut.Find("[data-testid=watching]").TextContent), Patience);
    }

    [Fact]
    public async Task Only_the_last_ten_entries_are_shown_and_bursts_do_not_hammer_the_store()
    {
        var cut = Render<Overview>();
        var readsBefore = History.ListCalls;

        for (var i = 0; i < 500; i++)
            await Engine.ObserveAsync(FailedService($"unit{i:000}.service"), CancellationToken.None);

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(500, cut.FindAll("[data-testid=issue-row]").Count);
            var rows = cut.FindAll("[data-testid=history-row]");
            Assert.Equal(10, rows.Count);
            Assert.Equal("unit499.service", rows[0].GetAttribute("data-subject"));
        }, Patience);
        // 1000 events (detected + suggested per unit); a refresh per event would be 1000 reads.
        Assert.True(History.ListCalls - readsBefore < 100, $"{History.ListCalls - readsBefore} store reads for one burst");
    }

    [Fact]
    public async Task Disposing_the_page_unsubscribes_from_everything()
    {
        Render<Overview>();
        var reads = History.ListCalls;

        await DisposeComponentsAsync();
        Feed.Publish(new EngineEvent(EngineEventKind.ConfigReloaded, DateTimeOffset.UtcNow, "reloaded"));
        Config.Reject();
        Watch.Set("systemd", "connected");
        // Proving that nothing happens needs a little waiting: longer than a refresh would take.
        await Task.Delay(300);

        Assert.Equal(reads, History.ListCalls);
    }
}
