using Anna.Core.Insights;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Core.Engine;
using Anna.Server.Configuration;
using Anna.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Anna.Core.Issues;
using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Processes;
using Anna.Core.Samples;
using Anna.Core.Vocabulary;
using Anna.Dashboard.Tests.Fakes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using InsightsPage = Anna.Dashboard.Pages.Insights;

namespace Anna.Dashboard.Tests;

public sealed class InsightsPageTests : DashboardTestContext
{
    private readonly InMemoryIssueLog _issues = new();
    private readonly InMemorySampleStore _samples = new();

    private readonly DirectoryInfo _policyDirectory = Directory.CreateTempSubdirectory("anna-insights-page-");
    private readonly HealingConfigFile _policy;
    private readonly PolicyEditor _editor;

    public InsightsPageTests()
    {
        // The page's "Yes, let Anna do it" writes through the same editor as the Settings page, journaled.
        var path = Path.Combine(_policyDirectory.FullName, "healing.toml");
        File.WriteAllText(path, "[healing]\npolicy = \"supervised\"\nauto_heal = [\"service_restart\"]\n");
        _policy = new HealingConfigFile(path, NullLogger<HealingConfigFile>.Instance, TimeProvider.System);
        var storage = new RollbackStorage(Path.Combine(_policyDirectory.FullName, "data"));
        var executor = new ActionExecutor(new InMemoryActionJournal(new InMemoryHistoryStore()), new RollbackExecutor([new FileStepUndoer(storage)]),
            NoFaults.Instance, storage, _policy, TimeProvider.System);
        _editor = new PolicyEditor(_policy, new PolicyEditJournal(executor, _policy, TimeProvider.System), NullLogger<PolicyEditor>.Instance);
        Services.AddSingleton<IHealingConfig>(_policy);
        Services.AddSingleton<IPolicyEditor>(_editor);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IIssueLog>(_issues);
        Services.AddSingleton<ISampleStore>(_samples);
        Services.AddSingleton(new ManualFixAssumption(10, "Anna:Metrics:ManualFixMinutes"));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _editor.Dispose();
            _policy.Dispose();
            _policyDirectory.Delete(recursive: true);
        }
        base.Dispose(disposing);
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("operator", false)]
    public async Task A_fix_people_approved_every_time_is_let_run_on_its_own_with_one_click_by_an_admin(string role, bool offered)
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < RootCauses.ApprovalsForPreference; i++)
        {
            await History.AppendAsync(HealingStatisticsTests.Entry(ActionOutcome.Success, IssueKind.PackageCache, now.AddHours(-i - 1)) with
            {
                Subject = "apt", Action = "clean_package_cache", Category = ActionCategory.CacheCleanup, ApprovedBy = "dana",
            }, CancellationToken.None);
        }
        SignInAs(role);

        var cut = Render<InsightsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=root-cause][data-kind=approved_every_time]")), Patience);
        Assert.Equal(offered, cut.FindAll("[data-testid=accept-preference]").Count == 1);
        if (!offered)
            return;
        await cut.Find("[data-testid=accept-preference]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Anna now does cache_cleanup on its own", cut.Find("[data-testid=accept-result]").TextContent), Patience);
        Assert.Contains(ActionCategory.CacheCleanup, _policy.Current.AutoHeal);
        Assert.Contains(ActionCategory.ServiceRestart, _policy.Current.AutoHeal);
        Assert.Contains("\"cache_cleanup\"", await File.ReadAllTextAsync(Path.Combine(_policyDirectory.FullName, "healing.toml")), StringComparison.Ordinal);
        // Once in auto_heal, the preference is no longer offered.
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=root-cause][data-kind=approved_every_time]")), Patience);
    }

    [Fact]
    public async Task When_root_causes_read_only_the_newest_actions_the_page_says_how_many_of_how_many()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < InsightsRead.MaxEntries + 20; i++)
            await History.AppendAsync(HealingStatisticsTests.Entry(ActionOutcome.Success, IssueKind.FailedService, now.AddMinutes(-i - 1)), CancellationToken.None);

        var cut = Render<InsightsPage>();

        cut.WaitForAssertion(() => Assert.Equal(
            "Looked for in the newest 10,000 of this period's 10,020 actions; the figures above count all of them.",
            cut.Find("[data-testid=insights-actions-read]").TextContent.Trim()), Patience);
        Assert.Contains("(10020/10020 auto-heal attempts)", cut.Find("[data-testid=insights-success-line]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_history_the_page_says_nothing_ran_and_no_cause_was_found()
    {
        var cut = Render<InsightsPage>();

        cut.WaitForAssertion(() =>
            Assert.Equal("Success Rate: no auto-heal attempts in this period", cut.Find("[data-testid=insights-success-line]").TextContent),
            Patience);
        Assert.NotNull(cut.Find("[data-testid=insights-no-causes]"));
        Assert.NotNull(cut.Find("[data-testid=insights-no-issues]"));
    }

    [Fact]
    public async Task The_window_learned_from_weeks_of_activity_is_shown_with_its_evidence_and_where_to_apply_it()
    {
        // Three weeks of a night shift in the host's zone: two people 22:00–06:00, nobody by day.
        var now = DateTimeOffset.UtcNow;
        var batch = new List<Sample>();
        for (var at = SampleRollup.BucketStart(now.AddDays(-21), TimeSpan.FromHours(1)); at < now.AddHours(-1); at = at.AddHours(1))
        {
            var hour = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).Hour;
            batch.Add(new(SampleMetric.ActiveSessions, "logind", at.AddMinutes(30), hour is >= 22 or < 6 ? 2 : 0));
        }
        await _samples.WriteAsync(batch, CancellationToken.None);

        var cut = Render<InsightsPage>();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=insights-learned-window]").GetAttribute("data-ready")), Patience);
        Assert.Equal("Every day 22:00–06:00 busy: 2.0 sessions on average (in use 168 of 168 hours seen)",
            cut.Find("[data-testid=insights-learned-evidence][data-kind=busy]").TextContent);
        Assert.Contains("avoid 22:00–06:00 every day; prefer 06:00–22:00", cut.Find("[data-testid=insights-learned-window]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/settings", cut.Find("[data-testid=insights-learned-settings]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_success_line_time_saved_common_issues_and_an_oom_root_cause_with_its_command_and_history_links()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var outcome = i == 2 ? ActionOutcome.Failed : ActionOutcome.Success;
            ids.Add(await History.AppendAsync(HealingStatisticsTests.Entry(outcome) with { Subject = "nginx.service", StartedAt = now.AddDays(-i - 1) }, CancellationToken.None));
            _issues.Records.Add(new IssueRecord(100 + i, IssueKind.FailedService, "nginx.service",
                new Dictionary<string, string> { ["oom_killed"] = "true", ["memory_max_bytes"] = "268435456", ["exit_status"] = "9" },
                now.AddDays(-i - 1), now.AddDays(-i - 1), now.AddDays(-i - 1).AddMinutes(1)));
        }

        var cut = Render<InsightsPage>();

        cut.WaitForAssertion(() => Assert.Equal("Success Rate: 67% (2/3 auto-heal attempts)", cut.Find("[data-testid=insights-success-line]").TextContent), Patience);
        Assert.Equal("20 min", cut.Find("[data-testid=insights-time-saved]").TextContent);
        Assert.Contains("10 min of a person's time", cut.Find("[data-testid=insights-time-saved]").ParentElement!.TextContent);
        var row = cut.Find("[data-testid=insights-issue-row][data-issue=failed_service]");
        Assert.Equal(("3", "67 %"), (row.QuerySelector("[data-testid=occurrences]")!.TextContent, row.QuerySelector("[data-testid=rate]")!.TextContent));
        var cause = cut.Find("[data-testid=root-cause][data-kind=oom_kill]");
        Assert.Contains("OOM-killed 3 times at 256", cause.TextContent);
        Assert.Equal("systemctl set-property nginx.service MemoryMax=512M", cause.QuerySelector("[data-testid=root-cause-command]")!.TextContent);
        Assert.Equal(ids.Order().Select(id => $"/history?id={id}"), cut.FindAll("[data-testid=root-cause-history]").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("operator", false)]
    [InlineData("viewer", false)]
    public async Task A_root_causes_journal_lines_are_shown_to_admins_only(string role, bool shown)
    {
        // A stand-in journalctl: the system journal is root's and adm's, so is what Anna reads from it.
        var dir = Directory.CreateTempSubdirectory("anna-journal-");
        try
        {
            var program = Path.Combine(dir.FullName, "journalctl");
            await File.WriteAllTextAsync(program, "#!/bin/sh\necho 'secret: token=abc'\n");
            File.SetUnixFileMode(program, (UnixFileMode)0b111_101_101);
            Services.AddSingleton(new JournalControl(new ProcessRunner(), program));
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 3; i++)
            {
                await History.AppendAsync(HealingStatisticsTests.Entry(ActionOutcome.Failed) with { Subject = "app.service", StartedAt = now.AddHours(-i - 1) }, CancellationToken.None);
                _issues.Records.Add(new IssueRecord(200 + i, IssueKind.FailedService, "app.service",
                    new Dictionary<string, string> { ["exit_status"] = "3" }, now.AddHours(-i - 1), now.AddHours(-i - 1), now.AddHours(-i - 1).AddMinutes(1)));
            }
            SignInAs(role);

            var cut = Render<InsightsPage>();

            cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=root-cause]")), Patience);
            cut.WaitForAssertion(() => Assert.Equal(shown, cut.Markup.Contains("token=abc", StringComparison.Ordinal)), Patience);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Choosing_a_shorter_period_leaves_out_what_happened_before_it()
    {
        await History.AppendAsync(HealingStatisticsTests.Entry(ActionOutcome.Success) with { StartedAt = DateTimeOffset.UtcNow.AddDays(-20) }, CancellationToken.None);
        var cut = Render<InsightsPage>();
        cut.WaitForAssertion(() => Assert.Equal("Success Rate: 100% (1/1 auto-heal attempts)", cut.Find("[data-testid=insights-success-line]").TextContent), Patience);

        cut.Find("[data-testid=period-7]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Success Rate: no auto-heal attempts in this period", cut.Find("[data-testid=insights-success-line]").TextContent), Patience);
        Assert.Equal("true", cut.Find("[data-testid=period-7]").GetAttribute("aria-pressed"));
    }
}
