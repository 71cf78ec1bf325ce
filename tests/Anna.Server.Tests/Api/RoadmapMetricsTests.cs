using Anna.Core.Vocabulary;
using System.Globalization;
using System.Text.RegularExpressions;
using Anna.Core.Approvals;
using Anna.Core.Events;
using Anna.Core.History;
using HistoryEntries = Anna.Server.Tests.Persistence.HistoryEntries;
using Anna.Core.Risk;
using Anna.Server.Metrics;
using Anna.Server.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>
/// The roadmap's metrics, each checked for the value it must have: rollbacks by reason from the
/// events, the 24 h success rate and approval totals from the store, the healing switch, time saved
/// and the build. One host per class; the tests share it, so each looks at what it changed.
/// </summary>
public sealed class RoadmapMetricsTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Rolled_back_failed_success_and_undo_each_have_their_label()
    {
        var feed = factory.Services.GetRequiredService<EngineEventFeed>();
        var at = DateTimeOffset.UtcNow;
        var issue = JournalSamples.FailedUnit("metric.service");
        var entry = HistoryEntries.Restart(at, subject: "metric.service", issueKind: "outcome_probe");

        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", issue, entry with { Outcome = ActionOutcome.RolledBack }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", issue, entry with { Outcome = ActionOutcome.RolledBack }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", issue, entry with { Outcome = ActionOutcome.Failed }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionSucceeded, at, "x", issue, entry));

        var text = await ScrapeAsync();
        Assert.Equal(2, Value(text, "anna_healing_attempts_total{issue_type=\"outcome_probe\",outcome=\"rolled_back\"}"));
        Assert.Equal(1, Value(text, "anna_healing_attempts_total{issue_type=\"outcome_probe\",outcome=\"failed\"}"));
        Assert.Equal(1, Value(text, "anna_healing_attempts_total{issue_type=\"outcome_probe\",outcome=\"success\"}"));
    }

    [Fact]
    public async Task Rollbacks_are_counted_by_reason()
    {
        var feed = factory.Services.GetRequiredService<EngineEventFeed>();
        var at = DateTimeOffset.UtcNow;
        var issue = JournalSamples.FailedUnit("rollback.service");
        var entry = HistoryEntries.Restart(at, subject: "rollback.service");
        var before = await ScrapeAsync();

        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", issue, entry with { Outcome = ActionOutcome.RolledBack }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", issue, entry with { Outcome = ActionOutcome.Failed }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionUndone, at, "x", issue, entry with { Action = "undo" }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionRecovered, at, "x", Entry: entry with { Outcome = ActionOutcome.RolledBack }));
        feed.Publish(new EngineEvent(EngineEventKind.ActionRecovered, at, "x", Entry: entry with { Outcome = ActionOutcome.Success }));

        var after = await ScrapeAsync();
        Assert.Equal(1, Value(after, "anna_rollback_operations_total{reason=\"automatic\"}") - Value(before, "anna_rollback_operations_total{reason=\"automatic\"}"));
        Assert.Equal(1, Value(after, "anna_rollback_operations_total{reason=\"undo\"}") - Value(before, "anna_rollback_operations_total{reason=\"undo\"}"));
        Assert.Equal(1, Value(after, "anna_undo_total{outcome=\"success\"}") - Value(before, "anna_undo_total{outcome=\"success\"}"));
        Assert.Equal(1, Value(after, "anna_rollback_operations_total{reason=\"recovery\"}") - Value(before, "anna_rollback_operations_total{reason=\"recovery\"}"));
    }

    [Fact]
    public async Task Success_rate_covers_the_last_24_hours_from_the_store()
    {
        var store = factory.Services.GetRequiredService<IHistoryStore>();
        var now = DateTimeOffset.UtcNow;
        foreach (var outcome in (ActionOutcome[])[ActionOutcome.Success, ActionOutcome.Success, ActionOutcome.Success, ActionOutcome.RolledBack])
            await store.AppendAsync(HistoryEntries.Restart(now.AddHours(-1), outcome, subject: "rate.service"), CancellationToken.None);
        // Two days old: outside the window, so these failures must not pull the rate down.
        foreach (var _ in Enumerable.Range(0, 4))
            await store.AppendAsync(HistoryEntries.Restart(now.AddDays(-2), ActionOutcome.Failed, subject: "rate.service"), CancellationToken.None);
        // Not attempts: a suggestion says nothing about whether fixes work.
        await store.AppendAsync(HistoryEntries.Restart(now.AddMinutes(-5), ActionOutcome.Suggested, subject: "rate.service"), CancellationToken.None);

        var text = await ScrapeAsync();
        Assert.Equal(4, Value(text, "anna_healing_attempts_24h"));
        Assert.Equal(0.75, Value(text, "anna_healing_success_rate"), precision: 6);
    }

    [Fact]
    public async Task The_runtime_memory_gauges_follow_the_gc_and_the_jit()
    {
        GC.Collect();
        var text = await ScrapeAsync();
        var info = GC.GetGCMemoryInfo();
        var heap = Value(text, "anna_gc_heap_bytes");
        var committed = Value(text, "anna_gc_committed_bytes");
        // The scrape read the GC's last collection; nothing collected since (or a little, in a test host).
        Assert.InRange(heap, 1, info.HeapSizeBytes * 2);
        Assert.InRange(committed, heap, long.MaxValue);
        Assert.InRange(Value(text, "anna_jit_compiled_methods"), 1, System.Runtime.JitInfo.GetCompiledMethodCount());
        Assert.InRange(Value(text, "anna_jit_compiled_il_bytes"), 1, System.Runtime.JitInfo.GetCompiledILBytes());
    }

    [Fact]
    public async Task The_healing_switch_is_exported()
    {
        Assert.Equal(1, Value(await ScrapeAsync(), "anna_auto_heal_enabled"));
        (await _client.PostAsync("/api/v1/healing/disable", null)).EnsureSuccessStatusCode();
        try
        {
            Assert.Equal(0, Value(await ScrapeAsync(), "anna_auto_heal_enabled"));
        }
        finally
        {
            (await _client.PostAsync("/api/v1/healing/enable", null)).EnsureSuccessStatusCode();
        }
        Assert.Equal(1, Value(await ScrapeAsync(), "anna_auto_heal_enabled"));
    }

    [Fact]
    public async Task Approvals_are_counted_by_decision_and_the_oldest_wait_is_shown()
    {
        var store = factory.Services.GetRequiredService<IApprovalStore>();
        var now = DateTimeOffset.UtcNow;
        var before = await ScrapeAsync();
        await store.AddAsync(Request(now, ApprovalStatus.Approved), CancellationToken.None);
        await store.AddAsync(Request(now, ApprovalStatus.Rejected), CancellationToken.None);
        await store.AddAsync(Request(now, ApprovalStatus.Rejected), CancellationToken.None);
        await store.AddAsync(Request(now.AddMinutes(-10), ApprovalStatus.Pending), CancellationToken.None);

        var after = await ScrapeAsync();
        Assert.Equal(1, Value(after, "anna_approvals_total{decision=\"approved\"}") - Value(before, "anna_approvals_total{decision=\"approved\"}"));
        Assert.Equal(2, Value(after, "anna_approvals_total{decision=\"rejected\"}") - Value(before, "anna_approvals_total{decision=\"rejected\"}"));
        Assert.Equal(1, Value(after, "anna_approvals_pending") - Value(before, "anna_approvals_pending"));
        Assert.InRange(Value(after, "anna_approval_oldest_pending_seconds"), 590, 3600);
    }

    [Fact]
    public async Task Time_saved_counts_successful_fixes_at_the_assumed_minutes()
    {
        var feed = factory.Services.GetRequiredService<EngineEventFeed>();
        var at = DateTimeOffset.UtcNow;
        var entry = HistoryEntries.Restart(at, subject: "saved.service");
        var before = Value(await ScrapeAsync(), "anna_time_saved_seconds_total");

        feed.Publish(new EngineEvent(EngineEventKind.ActionSucceeded, at, "x", JournalSamples.FailedUnit("saved.service"), entry));
        feed.Publish(new EngineEvent(EngineEventKind.ActionFailed, at, "x", JournalSamples.FailedUnit("saved.service"), entry with { Outcome = ActionOutcome.Failed }));

        Assert.Equal(new MetricsOptions().ManualFixMinutes * 60, Value(await ScrapeAsync(), "anna_time_saved_seconds_total") - before);
    }

    [Fact]
    public async Task Build_info_probes_and_healable_count_are_present()
    {
        var at = DateTimeOffset.UtcNow;
        factory.Services.GetRequiredService<EngineEventFeed>().Publish(new EngineEvent(EngineEventKind.ActionSucceeded, at, "x",
            JournalSamples.FailedUnit("build.service"), HistoryEntries.Restart(at, subject: "build.service", durationMs: 400_000)));
        var text = await ScrapeAsync();
        Assert.Equal(1, Value(text, $"anna_build_info{{version=\"{AnnaMetrics.Version}\"}}"));
        Assert.NotEqual("unknown", AnnaMetrics.Version);
        Assert.Contains("# TYPE anna_healable_issues_current gauge", text);
        Assert.Contains("# TYPE anna_healing_duration_seconds histogram", text);
        Assert.Contains("anna_healing_duration_seconds_bucket", text);
        // A fix that took almost 7 minutes still lands in a bucket of its own below +Inf (10 ms … 10 min resolved).
        Assert.True(Value(text, "anna_healing_duration_seconds_bucket{issue_type=\"failed_service\",le=\"655.36\"}")
            > Value(text, "anna_healing_duration_seconds_bucket{issue_type=\"failed_service\",le=\"327.68\"}"));
        Assert.Contains("# TYPE anna_probe_runs_total counter", text);
    }

    [Fact]
    public async Task The_process_reports_its_own_gc_heap_and_resident_memory()
    {
        var text = await ScrapeAsync();
        // The benchmark and operators read these; a live process always has some of each.
        Assert.True(Value(text, "dotnet_total_memory_bytes") > 0);
        Assert.True(Value(text, "process_working_set_bytes") > 0);
    }

    private static ApprovalRequest Request(DateTimeOffset createdAt, ApprovalStatus status) => new()
    {
        Id = Guid.NewGuid(),
        IssueKey = "failed_service:approval.service",
        IssueKind = "failed_service",
        Subject = "approval.service",
        Action = "restart_service",
        Category = ActionCategory.ServiceRestart,
        Risk = ActionRisk.Medium,
        DryRun = "would restart approval.service",
        Reason = "medium risk asks first",
        CreatedAt = createdAt,
        ExpiresAt = createdAt.AddHours(24),
        Status = status,
    };

    private Task<string> ScrapeAsync() => _client.GetStringAsync("/metrics");

    /// <summary>The value of one sample line; 0 when the series is absent.</summary>
    private static double Value(string exposition, string series)
    {
        var match = Regex.Match(exposition, "^" + Regex.Escape(series) + " (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
