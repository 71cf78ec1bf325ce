using Anna.Core.Actions;
using Anna.Core.Approvals;
using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Tests.Fakes;
using Anna.Core.Vocabulary;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Insights;

/// <summary>Healing that asks first once its automatic fixes keep failing, and acts again once people's approvals work.</summary>
public sealed class CategoryTrustTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Three_failures_among_the_last_five_automatic_runs_demote_naming_them()
    {
        var trust = new CategoryTrust();
        var outcomes = new[] { true, false, true, false };
        for (var i = 0; i < outcomes.Length; i++)
            trust.Record(ActionCategory.CacheCleanup, ConsentLevel.Implied, outcomes[i], historyId: i + 1, $"/mnt/{i}");
        Assert.Null(trust.Demotion(ActionCategory.CacheCleanup));

        trust.Record(ActionCategory.CacheCleanup, ConsentLevel.Implied, succeeded: false, historyId: 5, "/mnt/5");

        Assert.Equal("3 of the last 5 automatic cache_cleanup fixes failed (#2, #4, #5); Anna asks first until people approve it 3 times and it works",
            trust.Demotion(ActionCategory.CacheCleanup));
        Assert.Null(trust.Demotion(ActionCategory.ServiceRestart));
    }

    [Fact]
    public void Old_failures_slide_out_of_the_window()
    {
        var trust = new CategoryTrust();
        var outcomes = new[] { false, false, true, true, true, true, false };
        for (var i = 0; i < outcomes.Length; i++)
            trust.Record(ActionCategory.LogRotation, ConsentLevel.Implied, outcomes[i], historyId: i + 1, $"/var/log/{i}");
        Assert.Null(trust.Demotion(ActionCategory.LogRotation));
    }

    [Fact]
    public void Three_approved_runs_that_work_in_a_row_promote_back_and_a_failure_starts_the_count_again()
    {
        var trust = new CategoryTrust();
        for (var i = 1; i <= 3; i++)
            trust.Record(ActionCategory.CacheCleanup, ConsentLevel.Implied, succeeded: false, historyId: i, $"/mnt/{i}");
        Assert.NotNull(trust.Demotion(ActionCategory.CacheCleanup));

        trust.Record(ActionCategory.CacheCleanup, ConsentLevel.Explicit, succeeded: true, historyId: 4, "/mnt/x");
        trust.Record(ActionCategory.CacheCleanup, ConsentLevel.Explicit, succeeded: false, historyId: 5, "/mnt/x");
        trust.Record(ActionCategory.CacheCleanup, ConsentLevel.Explicit, succeeded: true, historyId: 6, "/mnt/x");
        trust.Record(ActionCategory.CacheCleanup, ConsentLevel.PerSession, succeeded: true, historyId: 7, "/mnt/x");
        Assert.NotNull(trust.Demotion(ActionCategory.CacheCleanup));

        trust.Record(ActionCategory.CacheCleanup, ConsentLevel.Explicit, succeeded: true, historyId: 8, "/mnt/x");
        Assert.Null(trust.Demotion(ActionCategory.CacheCleanup));
        // The failures that demoted it no longer count: one more failure does not demote again.
        trust.Record(ActionCategory.CacheCleanup, ConsentLevel.Implied, succeeded: false, historyId: 9, "/mnt/9");
        Assert.Null(trust.Demotion(ActionCategory.CacheCleanup));
    }

    [Fact]
    public void One_subject_failing_again_and_again_is_its_breakers_business_not_a_demotion()
    {
        var trust = new CategoryTrust();
        for (var i = 1; i <= 5; i++)
            trust.Record(ActionCategory.ServiceRestart, ConsentLevel.Implied, succeeded: false, historyId: i, "crashy.service");
        trust.Record(ActionCategory.ServiceRestart, ConsentLevel.Implied, succeeded: false, historyId: 6, "other.service");
        Assert.Null(trust.Demotion(ActionCategory.ServiceRestart));
    }

    [Fact]
    public void Replaying_history_rebuilds_the_same_state()
    {
        var trust = new CategoryTrust();
        trust.Replay(Enumerable.Range(1, 3).Select(id => HistoryRow(id, ConsentLevel.Implied, ActionOutcome.RolledBack))
            .Append(HistoryRow(4, ConsentLevel.None, ActionOutcome.Suggested)));
        Assert.StartsWith("3 of the last 3 automatic service_restart fixes failed (#1, #2, #3)", trust.Demotion(ActionCategory.ServiceRestart));
    }

    [Fact]
    public async Task A_demoted_category_asks_first_with_the_reason_and_acts_on_its_own_again_once_approvals_work()
    {
        var action = new CountingAction(ActionResult.Fail("cannot restart"));
        var rig = new EngineRig(new TestHealingConfig(new HealingOptions { Policy = HealingPolicy.Supervised }), [action], _time);
        for (var i = 0; i < 3; i++)
        {
            await rig.Engine.ObserveAsync(Failed($"u{i}.service"), CancellationToken.None);
            await rig.Engine.WhenIdleAsync();
        }
        Assert.Equal(3, action.Runs);

        await rig.Engine.ObserveAsync(Failed("next.service"), CancellationToken.None);
        await rig.Engine.WhenIdleAsync();

        Assert.Equal(3, action.Runs);
        var request = Assert.Single(await rig.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None));
        Assert.StartsWith("asks first: 3 of the last 3 automatic service_restart fixes failed", request.Reason, StringComparison.Ordinal);
        Assert.Contains(rig.History.Entries, e => e.Outcome == ActionOutcome.AwaitingApproval && e.Reason.StartsWith("asks first:", StringComparison.Ordinal));
    }

    private Issue Failed(string unit) => new(IssueKind.FailedService, unit, IssueSeverity.Warning, $"{unit} failed",
        new Dictionary<string, string>(), _time.GetUtcNow(), _time.GetUtcNow());

    private static Core.History.HistoryEntry HistoryRow(long id, ConsentLevel consent, ActionOutcome outcome) => new()
    {
        Id = id,
        IssueKind = IssueKind.FailedService,
        Subject = $"u{id}.service",
        Action = "restart_service",
        Category = ActionCategory.ServiceRestart,
        Risk = Risk.ActionRisk.Safe,
        Policy = HealingPolicy.Supervised,
        Decision = consent == ConsentLevel.None ? DecisionKind.Suggest : DecisionKind.Execute,
        Consent = consent,
        Reason = "test",
        Outcome = outcome,
        Detail = "",
        StartedAt = DateTimeOffset.UnixEpoch,
    };
}
