using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Rollback;
using Anna.Core.Statistics;

namespace Anna.Dashboard.Tests;

public sealed class HealingStatisticsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_entries_give_zero_counts_no_rates_and_fourteen_empty_days()
    {
        var stats = HealingStatistics.From([], Now, TimeZoneInfo.Utc);

        Assert.Equal(0, stats.Entries);
        Assert.Equal(0, stats.Heals);
        Assert.Null(stats.SuccessRate);
        Assert.Equal(TimeSpan.Zero, stats.TimeSaved);
        Assert.Equal(14, stats.SuccessRateByDay.Count);
        Assert.All(stats.SuccessRateByDay, d => Assert.Null(d.Rate));
        Assert.Empty(stats.CommonIssues);
        Assert.Empty(stats.TimeToHeal);
        Assert.All(stats.Outcomes, o => Assert.Equal(0, o.Count));
    }

    [Fact]
    public void Success_rate_counts_only_actions_that_ran()
    {
        var stats = HealingStatistics.From(
        [
            Entry(ActionOutcome.Success), Entry(ActionOutcome.Success), Entry(ActionOutcome.Success),
            Entry(ActionOutcome.Failed),
            Entry(ActionOutcome.Suggested), Entry(ActionOutcome.AwaitingApproval), Entry(ActionOutcome.Rejected),
            Entry(ActionOutcome.Deferred), Entry(ActionOutcome.DryRun),
        ], Now, TimeZoneInfo.Utc);

        Assert.Equal(9, stats.Entries);
        Assert.Equal(4, stats.Heals);
        Assert.Equal(3, stats.Successes);
        Assert.Equal(0.75, stats.SuccessRate);
    }

    [Fact]
    public void Rolled_back_is_a_heal_that_did_not_hold_while_in_progress_and_undo_are_no_heals()
    {
        var stats = HealingStatistics.From(
        [
            Entry(ActionOutcome.Success), Entry(ActionOutcome.RolledBack), Entry(ActionOutcome.InProgress),
            Entry(ActionOutcome.Success) with { Action = "undo", ApprovedBy = "alice" },
        ], Now, TimeZoneInfo.Utc);

        Assert.Equal(4, stats.Entries);
        Assert.Equal(2, stats.Heals);
        Assert.Equal(0.5, stats.SuccessRate);
        Assert.Equal(1, stats.Count(ActionOutcome.RolledBack));
        Assert.Equal(1, stats.Count(ActionOutcome.InProgress));
        Assert.Equal(1, Assert.Single(stats.TimeToHeal).Count);
    }

    [Fact]
    public void Time_saved_counts_five_minutes_per_successful_automatic_heal_only()
    {
        var stats = HealingStatistics.From(
        [
            Entry(ActionOutcome.Success), Entry(ActionOutcome.Success),
            Entry(ActionOutcome.Success) with { ApprovedBy = "alice" },
            Entry(ActionOutcome.Failed),
        ], Now, TimeZoneInfo.Utc);

        Assert.Equal(2, stats.AutomaticSuccesses);
        Assert.Equal(TimeSpan.FromMinutes(10), stats.TimeSaved);
    }

    [Fact]
    public void Per_day_buckets_cover_the_last_fourteen_days_oldest_first_including_empty_days()
    {
        var stats = HealingStatistics.From(
        [
            Entry(ActionOutcome.Success, at: Now.AddHours(-1)),
            Entry(ActionOutcome.Failed, at: Now.AddHours(-2)),
            Entry(ActionOutcome.Success, at: Now.AddDays(-3)),
            Entry(ActionOutcome.Suggested, at: Now.AddDays(-5)), // not a heal: the day stays empty
            Entry(ActionOutcome.Success, at: Now.AddDays(-13)),
            Entry(ActionOutcome.Failed, at: Now.AddDays(-14)), // one day too old
        ], Now, TimeZoneInfo.Utc);

        var days = stats.SuccessRateByDay;
        Assert.Equal(14, days.Count);
        Assert.Equal(new DateOnly(2026, 3, 7), days[0].Day);
        Assert.Equal(new DateOnly(2026, 3, 20), days[^1].Day);
        Assert.Equal(1.0, days[0].Rate);
        Assert.Equal(1.0, Day(days, 17).Rate);
        Assert.Null(Day(days, 15).Rate);
        Assert.Equal((2, 1, 0.5), (days[^1].Attempts, days[^1].Successes, days[^1].Rate));
        Assert.Equal(11, days.Count(d => d.Attempts == 0));
    }

    [Fact]
    public void Days_are_the_host_zone_s_calendar_days()
    {
        var plusTwo = TimeZoneInfo.CreateCustomTimeZone("UTC+2", TimeSpan.FromHours(2), "UTC+2", "UTC+2");
        var lateEvening = new DateTimeOffset(2026, 3, 19, 23, 0, 0, TimeSpan.Zero); // 01:00 on the 20th at +2

        var stats = HealingStatistics.From([Entry(ActionOutcome.Success, at: lateEvening)], Now, plusTwo);

        Assert.Equal(1, stats.SuccessRateByDay[^1].Attempts);
        Assert.Equal(0, stats.SuccessRateByDay[^2].Attempts);
    }

    [Fact]
    public void Common_issues_are_ordered_by_count_then_name()
    {
        var stats = HealingStatistics.From(
        [
            Entry(ActionOutcome.Success, IssueKind.LowDisk),
            Entry(ActionOutcome.Suggested, IssueKind.FailedService),
            Entry(ActionOutcome.Failed, IssueKind.FailedService),
            Entry(ActionOutcome.Success, IssueKind.FailedService),
            Entry(ActionOutcome.Success, IssueKind.LogSize),
        ], Now, TimeZoneInfo.Utc);

        Assert.Equal(
            [new IssueKindCount(IssueKind.FailedService, 3), new IssueKindCount(IssueKind.LogSize, 1), new IssueKindCount(IssueKind.LowDisk, 1)],
            stats.CommonIssues);
    }

    [Fact]
    public void Time_to_heal_uses_successful_actions_only_with_median_and_nearest_rank_p90()
    {
        var entries = Enumerable.Range(1, 10)
            .Select(i => Entry(ActionOutcome.Success, IssueKind.FailedService, durationMs: i * 100))
            .Append(Entry(ActionOutcome.Failed, IssueKind.FailedService, durationMs: 99_000))
            .Append(Entry(ActionOutcome.Success, IssueKind.LogSize, durationMs: 5_000))
            .Append(Entry(ActionOutcome.Success, IssueKind.LogSize, durationMs: 1_000))
            .Append(Entry(ActionOutcome.Success, IssueKind.LogSize, durationMs: 3_000));

        var stats = HealingStatistics.From(entries, Now, TimeZoneInfo.Utc);

        Assert.Equal(
        [
            new HealDuration(IssueKind.LogSize, 3, 3_000, 5_000),
            new HealDuration(IssueKind.FailedService, 10, 550, 900),
        ], stats.TimeToHeal);
    }

    [Theory]
    [InlineData(new long[] { 7 }, 7, 7)]
    [InlineData(new long[] { 4, 2 }, 3, 4)]
    [InlineData(new long[] { 30, 10, 20, 40 }, 25, 40)]
    public void Median_and_p90_of_small_samples(long[] durations, double median, double p90)
    {
        var d = HealingStatistics.Durations("x", durations);

        Assert.Equal((median, p90), (d.MedianMs, d.P90Ms));
    }

    [Fact]
    public void Outcome_counts_list_every_outcome()
    {
        var stats = HealingStatistics.From(
        [
            Entry(ActionOutcome.Success), Entry(ActionOutcome.Success), Entry(ActionOutcome.Failed),
            Entry(ActionOutcome.Suggested), Entry(ActionOutcome.AwaitingApproval), Entry(ActionOutcome.AwaitingApproval),
            Entry(ActionOutcome.Rejected), Entry(ActionOutcome.Deferred),
        ], Now, TimeZoneInfo.Utc);

        Assert.Equal(Enum.GetValues<ActionOutcome>(), stats.Outcomes.Select(o => o.Outcome));
        Assert.Equal(2, stats.Count(ActionOutcome.Success));
        Assert.Equal(1, stats.Count(ActionOutcome.Failed));
        Assert.Equal(1, stats.Count(ActionOutcome.Suggested));
        Assert.Equal(2, stats.Count(ActionOutcome.AwaitingApproval));
        Assert.Equal(1, stats.Count(ActionOutcome.Rejected));
        Assert.Equal(1, stats.Count(ActionOutcome.Deferred));
        Assert.Equal(0, stats.Count(ActionOutcome.DryRun));
    }

    private static DailySuccessRate Day(IReadOnlyList<DailySuccessRate> days, int dayOfMonth) =>
        days.Single(d => d.Day.Day == dayOfMonth);

    [Fact]
    public void Rolled_back_is_a_failed_heal_and_in_progress_is_not_a_heal_yet()
    {
        var stats = HealingStatistics.From(
        [
            Entry(ActionOutcome.Success), Entry(ActionOutcome.Success),
            Entry(ActionOutcome.Failed), Entry(ActionOutcome.RolledBack),
            Entry(ActionOutcome.InProgress),
        ], Now, TimeZoneInfo.Utc);

        Assert.Equal(4, stats.Heals);
        Assert.Equal(2, stats.Successes);
        Assert.Equal(0.5, stats.SuccessRate);
        Assert.Equal(1, stats.RolledBack);
        Assert.Equal(0.25, stats.RollbackRate);
        Assert.Equal(1, stats.Count(ActionOutcome.RolledBack));
        Assert.Equal(1, stats.Count(ActionOutcome.InProgress));
        var today = stats.SuccessRateByDay[^1];
        Assert.Equal((4, 2), (today.Attempts, today.Successes));
    }

    [Fact]
    public void An_undo_is_counted_as_undone_not_as_a_heal_or_an_issue()
    {
        var undo = Entry(ActionOutcome.Success) with { Action = UndoService.UndoActionName, ApprovedBy = "alice" };

        var stats = HealingStatistics.From([Entry(ActionOutcome.Success), undo], Now, TimeZoneInfo.Utc);

        Assert.Equal(1, stats.Heals);
        Assert.Equal(1, stats.Undone);
        Assert.Equal(0, stats.RolledBack);
        Assert.Equal(0.0, stats.RollbackRate);
        Assert.Equal(1, Assert.Single(stats.CommonIssues).Count);
        Assert.Equal(1, Assert.Single(stats.TimeToHeal).Count);
    }

    internal static HistoryEntry Entry(ActionOutcome outcome, string issueKind = IssueKind.FailedService,
        DateTimeOffset? at = null, long durationMs = 1000) => new()
    {
        IssueKind = issueKind,
        Subject = "nginx.service",
        Action = "restart_service",
        Category = ActionCategory.ServiceRestart,
        Risk = ActionRisk.Safe,
        Policy = HealingPolicy.Autonomous,
        Decision = DecisionKind.Execute,
        Consent = ConsentLevel.Implied,
        Reason = "test",
        Outcome = outcome,
        StartedAt = at ?? Now,
        DurationMs = durationMs,
    };
}
