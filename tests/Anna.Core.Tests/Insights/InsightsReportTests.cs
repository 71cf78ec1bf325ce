using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Vocabulary;

namespace Anna.Core.Tests.Insights;

/// <summary>Insights from generated history: counts, success rates, time saved and each root-cause rule.</summary>
public sealed class InsightsReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset From = Now.AddDays(-30);
    private static readonly HashSet<ActionCategory> NoAuto = [];
    private static readonly HashSet<ActionCategory> Cleanup = [ActionCategory.CacheCleanup, ActionCategory.LogRotation];

    private static long _ids;

    private static HistoryEntry Entry(string kind, string subject, ActionOutcome outcome, DateTimeOffset at, long durationMs = 1000,
        ActionCategory category = ActionCategory.ServiceRestart, string detail = "", string? approvedBy = null, string action = "restart_service") => new()
        {
            Id = Interlocked.Increment(ref _ids),
            IssueKind = kind,
            Subject = subject,
            Action = action,
            Category = category,
            Risk = ActionRisk.Low,
            Policy = HealingPolicy.Supervised,
            Decision = DecisionKind.Execute,
            Consent = ConsentLevel.Implied,
            Reason = "test",
            Outcome = outcome,
            StartedAt = at,
            DurationMs = durationMs,
            Detail = detail,
            ApprovedBy = approvedBy,
        };

    private static IssueRecord Failure(string unit, DateTimeOffset at, string status, string result = "exit-code", bool oom = false, long? memoryMax = null)
    {
        var evidence = new Dictionary<string, string> { ["exit_status"] = status, ["result"] = result };
        if (oom)
            evidence["oom_killed"] = "true";
        if (memoryMax is { } max)
            evidence["memory_max_bytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new IssueRecord(Interlocked.Increment(ref _ids), IssueKind.FailedService, unit, evidence, at, at.AddMinutes(1), at.AddMinutes(2));
    }

    private static InsightsReport Build(IReadOnlyList<HistoryEntry> history, IReadOnlyList<IssueRecord>? issues = null,
        IReadOnlyList<DiskGrowth>? growth = null, IReadOnlySet<ActionCategory>? autoHeal = null, double minutes = 10) =>
        InsightsReport.Build(From, Now, history, issues ?? [], growth ?? [], autoHeal ?? NoAuto, minutes);

    [Fact]
    public void No_data_gives_an_empty_report_that_says_nothing_ran()
    {
        var report = Build([]);

        Assert.Empty(report.CommonIssues);
        Assert.Empty(report.RootCauses);
        Assert.Null(report.SuccessRate);
        Assert.Equal(0, report.TimeSavedMinutes);
        Assert.Equal("Success Rate: no auto-heal attempts in this period", report.SuccessLine);
    }

    [Fact]
    public void The_success_line_counts_47_of_50_and_time_saved_counts_automatic_successes_only()
    {
        var random = new Random(7);
        var history = new List<HistoryEntry>();
        for (var i = 0; i < 50; i++)
        {
            var outcome = i < 47 ? ActionOutcome.Success : i < 49 ? ActionOutcome.Failed : ActionOutcome.RolledBack;
            history.Add(Entry(IssueKind.FailedService, $"u{i % 5}.service", outcome, From.AddHours(random.Next(1, 700)),
                approvedBy: i < 7 ? "alice" : null));
        }
        // Not attempts: a suggestion, an undo, and a fix from before the period.
        history.Add(Entry(IssueKind.LowDisk, "/", ActionOutcome.Suggested, Now.AddHours(-1)));
        history.Add(Entry(IssueKind.FailedService, "u1.service", ActionOutcome.Success, Now.AddHours(-1), action: "undo"));
        history.Add(Entry(IssueKind.FailedService, "u1.service", ActionOutcome.Success, From.AddHours(-1)));

        var report = Build(history, minutes: 10);

        Assert.Equal("Success Rate: 94% (47/50 auto-heal attempts)", report.SuccessLine);
        Assert.Equal(40, report.AutomaticSuccesses);
        Assert.Equal(400, report.TimeSavedMinutes);
    }

    [Fact]
    public void Counts_come_from_the_whole_periods_counts_and_root_causes_from_the_newest_entries_read()
    {
        // The store read only the newest three of the period's actions; its tallies count all 1,203.
        HistoryEntry[] newest =
        [
            Entry(IssueKind.FailedService, "a.service", ActionOutcome.Success, Now.AddHours(-3), durationMs: 100),
            Entry(IssueKind.FailedService, "a.service", ActionOutcome.Failed, Now.AddHours(-2), durationMs: 100),
            Entry(IssueKind.LowDisk, "/var", ActionOutcome.Suggested, Now.AddHours(-1)),
        ];
        HistoryTally[] tallies =
        [
            new(IssueKind.FailedService, "restart_service", ActionOutcome.Success, 900, 850, 900 * 200),
            new(IssueKind.FailedService, "restart_service", ActionOutcome.Failed, 100, 100, 100 * 400),
            new(IssueKind.FailedService, "undo", ActionOutcome.Success, 50, 0, 50),
            new(IssueKind.LowDisk, "clean_package_cache", ActionOutcome.Suggested, 3, 3, 0),
            new(IssueKind.LowDisk, "clean_package_cache", ActionOutcome.RolledBack, 200, 200, 200 * 1_000),
        ];

        var report = InsightsReport.Build(From, Now, new PeriodCounts(tallies, new Dictionary<string, int> { [IssueKind.FailedService] = 1_500 }), newest, [], [], NoAuto, 10);

        Assert.Equal("Success Rate: 75% (900/1200 auto-heal attempts)", report.SuccessLine);
        Assert.Equal(850, report.AutomaticSuccesses);
        Assert.Equal(8_500, report.TimeSavedMinutes);
        var service = Assert.Single(report.CommonIssues, k => k.IssueKind == IssueKind.FailedService);
        Assert.Equal((1_500, 1000, 900, (900 * 200.0 + 100 * 400) / 1000), (service.Occurrences, service.Attempts, service.Successes, service.AverageDurationMs));
        Assert.Equal(newest.Take(2).Select(e => e.Id).Reverse(), service.HistoryIds);
        var disk = Assert.Single(report.CommonIssues, k => k.IssueKind == IssueKind.LowDisk);
        // No occurrence counted for low_disk: one per subject acted on, as for history from before issues were recorded.
        Assert.Equal((1, 200, 0, 1_000.0), (disk.Occurrences, disk.Attempts, disk.Successes, disk.AverageDurationMs));
        Assert.Equal((3, 1_203L), (report.ActionsRead, report.ActionsInPeriod));
    }

    [Fact]
    public void Common_issues_are_ordered_by_occurrences_with_rate_attempts_and_average_duration_per_kind()
    {
        IssueRecord[] issues =
        [
            Failure("a.service", From.AddDays(1), "1"), Failure("a.service", From.AddDays(2), "1"), Failure("b.service", From.AddDays(3), "2"),
            new(900, IssueKind.LowDisk, "/", new Dictionary<string, string>(), From.AddDays(4), From.AddDays(4), null),
            // Resolved before the period: not counted.
            Failure("old.service", From.AddDays(-5), "1"),
        ];
        HistoryEntry[] history =
        [
            Entry(IssueKind.FailedService, "a.service", ActionOutcome.Success, From.AddDays(1), durationMs: 1000),
            Entry(IssueKind.FailedService, "a.service", ActionOutcome.Failed, From.AddDays(2), durationMs: 3000),
            Entry(IssueKind.LowDisk, "/", ActionOutcome.Success, From.AddDays(4), durationMs: 500, category: ActionCategory.CacheCleanup),
        ];

        var report = Build(history, issues);

        Assert.Equal([IssueKind.FailedService, IssueKind.LowDisk], report.CommonIssues.Select(k => k.IssueKind));
        var failed = report.CommonIssues[0];
        Assert.Equal((3, 2, 1, 0.5, 2000.0), (failed.Occurrences, failed.Attempts, failed.Successes, failed.Rate, failed.AverageDurationMs));
        Assert.Equal([history[1].Id, history[0].Id], failed.HistoryIds);
    }

    [Fact]
    public void An_oom_killed_unit_is_told_to_raise_MemoryMax_with_the_limit_it_hit_and_the_rows_it_stands_on()
    {
        const long max = 512L * 1024 * 1024;
        IssueRecord[] issues = [.. Enumerable.Range(0, 12).Select(i => Failure("nginx.service", From.AddDays(i + 1), "9", "oom-kill", oom: true, memoryMax: max))];
        HistoryEntry[] history = [.. issues.Select(i => Entry(IssueKind.FailedService, "nginx.service", ActionOutcome.Success, i.FirstSeen))];

        var cause = Assert.Single(Build(history, issues).RootCauses);

        Assert.Equal(RootCauseKind.OomKill, cause.Kind);
        Assert.Contains("OOM-killed 12 times at 512", cause.Recommendation);
        Assert.Equal("systemctl set-property nginx.service MemoryMax=1024M", cause.Command);
        Assert.Equal(history.Select(h => h.Id), cause.HistoryIds);
        Assert.Equal(issues.Select(i => i.Id), cause.IssueIds);
    }

    [Fact]
    public void A_unit_failing_with_the_same_exit_status_twice_is_a_cause_once_is_not()
    {
        IssueRecord[] issues =
        [
            Failure("web.service", From.AddDays(1), "3"), Failure("web.service", From.AddDays(2), "3"), Failure("web.service", From.AddDays(3), "3"),
            Failure("db.service", From.AddDays(1), "1"), Failure("db.service", From.AddDays(2), "2"), // different statuses
            Failure("once.service", From.AddDays(1), "4"),
        ];
        HistoryEntry[] history = [Entry(IssueKind.FailedService, "web.service", ActionOutcome.Success, From.AddDays(1))];

        var cause = Assert.Single(Build(history, issues).RootCauses);

        Assert.Equal((RootCauseKind.SameExitStatus, "web.service"), (cause.Kind, cause.Subject));
        Assert.Contains("failed 3 times, each time with exit status 3", cause.Finding);
        Assert.Contains("restarting brought it back once", cause.Finding);
        Assert.Equal("journalctl -u web.service -n 50 --no-pager", cause.Command);
        Assert.Equal([history[0].Id], cause.HistoryIds);
    }

    [Fact]
    public void The_disk_that_grew_most_is_named_with_the_command_that_turns_on_what_is_missing()
    {
        const double gib = 1024.0 * 1024 * 1024;
        DiskGrowth[] growth = [new("/", From, 10 * gib, Now, 12 * gib), new("/var", From, 5 * gib, Now, 20 * gib), new("/srv", From, 9 * gib, Now, 8 * gib)];

        var cause = Assert.Single(Build([], growth: growth, autoHeal: new HashSet<ActionCategory> { ActionCategory.LogRotation }).RootCauses);
        Assert.Equal((RootCauseKind.DiskFilling, "/var"), (cause.Kind, cause.Subject));
        Assert.Contains("grew by 15", cause.Finding);
        Assert.Equal("annactl healing config --enable cache_cleanup", cause.Command);

        Assert.Equal("annactl healing config --auto-cleanup", Assert.Single(Build([], growth: growth).RootCauses).Command);
        Assert.Equal("du -xh --max-depth=2 /var", Assert.Single(Build([], growth: growth, autoHeal: Cleanup).RootCauses).Command);
        // A single bad day of small growth is no cause.
        Assert.Empty(Build([], growth: [new DiskGrowth("/", Now.AddDays(-1), gib, Now, gib + 1024 * 1024)]).RootCauses);
    }

    [Fact]
    public void Updates_that_failed_for_lack_of_space_point_at_cache_cleanup_other_failures_do_not()
    {
        HistoryEntry[] history =
        [
            Entry(IssueKind.OutdatedPackages, "packages", ActionOutcome.Failed, From.AddDays(1), category: ActionCategory.PackageUpdate,
                detail: "E: You don't have enough free space in /var/cache/apt/archives/."),
            Entry(IssueKind.OutdatedPackages, "packages", ActionOutcome.Failed, From.AddDays(2), category: ActionCategory.PackageUpdate,
                detail: "dpkg: error processing archive: No space left on device"),
            Entry(IssueKind.OutdatedPackages, "packages", ActionOutcome.Failed, From.AddDays(3), category: ActionCategory.PackageUpdate,
                detail: "E: Unable to locate package"),
        ];

        var cause = Assert.Single(Build(history).RootCauses);

        Assert.Equal(RootCauseKind.UpdateNoSpace, cause.Kind);
        Assert.Equal("2 package updates failed for lack of disk space", cause.Finding);
        Assert.Equal("annactl healing config --enable cache_cleanup", cause.Command);
        Assert.Equal([history[0].Id, history[1].Id], cause.HistoryIds);
    }
    [Fact]
    public void A_fix_approved_every_time_is_offered_to_run_on_its_own_and_one_rejection_withdraws_the_offer()
    {
        var at = Now.AddDays(-1);
        var approved = Enumerable.Range(0, 5).Select(i => Entry(IssueKind.PackageCache, "apt", ActionOutcome.Success, at.AddMinutes(i),
            category: ActionCategory.CacheCleanup, approvedBy: "alice", action: "clean_package_cache")).ToList();

        var offer = Assert.Single(Build(approved).RootCauses, c => c.Kind == RootCauseKind.ApprovedEveryTime);
        Assert.Equal("cache_cleanup", offer.Subject);
        Assert.Equal("cache_cleanup fixes were approved every time they were asked for (5 of 5, none rejected)", offer.Finding);
        Assert.Equal("annactl healing config --enable cache_cleanup", offer.Command);
        Assert.Equal(approved.Select(a => a.Id), offer.HistoryIds);

        // Already in auto_heal: nothing to offer.
        Assert.DoesNotContain(Build(approved, autoHeal: Cleanup).RootCauses, c => c.Kind == RootCauseKind.ApprovedEveryTime);
        // Four approvals are not yet "every time"; one rejection means people do not always want it.
        Assert.DoesNotContain(Build(approved.Take(4).ToList()).RootCauses, c => c.Kind == RootCauseKind.ApprovedEveryTime);
        var rejected = Entry(IssueKind.PackageCache, "apt", ActionOutcome.Rejected, at, category: ActionCategory.CacheCleanup, action: "clean_package_cache");
        Assert.DoesNotContain(Build([.. approved, rejected]).RootCauses, c => c.Kind == RootCauseKind.ApprovedEveryTime);
    }
}
