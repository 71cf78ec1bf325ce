using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Sessions;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Engine;

public sealed class HealingEngineTests
{
    private readonly List<EngineEvent> _events = [];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private EngineRig Rig(HealingPolicy policy, IHealingAction action, int maxActions = 5)
    {
        var rig = new EngineRig(new TestHealingConfig(new HealingOptions { Policy = policy, MaxActionsPerSession = maxActions }), [action], _time);
        rig.Feed.Subscribe(e => { lock (_events) _events.Add(e); });
        return rig;
    }

    /// <summary>A copy: sessions finish in the background and may still be publishing.</summary>
    private List<EngineEvent> Events()
    {
        lock (_events)
            return _events.ToList();
    }

    private Issue Failed(string unit) => new(IssueKind.FailedService, unit, IssueSeverity.Warning, $"{unit} failed",
        new Dictionary<string, string>(), _time.GetUtcNow(), _time.GetUtcNow());

    [Fact]
    public async Task Supervised_heals_records_success_and_returns_to_healthy()
    {
        var action = new CountingAction(ActionResult.Ok("restarted"));
        var rig = Rig(HealingPolicy.Supervised, action);

        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await rig.Engine.WhenIdleAsync();

        Assert.Equal(1, action.Runs);
        var entry = Assert.Single(rig.History.Entries);
        Assert.Equal(ActionOutcome.Success, entry.Outcome);
        Assert.Equal("restarted", entry.Detail);
        Assert.NotNull(entry.SessionId);
        Assert.Equal(SystemState.Healthy, rig.Engine.Health().State);
        Assert.Contains(Events(), e => e.Kind == EngineEventKind.ActionSucceeded);
        Assert.Equal(["failed_service:web.service"], rig.History.Resolved);
        var session = await Eventually(() => rig.Sessions.All.SingleOrDefault(s => s.FinishedAt is not null));
        Assert.Equal(SystemState.Degraded, session.StateBefore);
        Assert.Equal(SystemState.Healthy, session.StateAfter);
    }

    [Fact]
    public async Task A_unit_that_fails_again_while_its_heal_is_finishing_is_healed_again_not_closed_with_it()
    {
        // Killed again right after the restart brought it back: the "active" signal closed the issue, the
        // "failed" one opened it again while the first heal was still being verified.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var action = new CountingAction(ActionResult.Ok("restarted"), release);
        var rig = Rig(HealingPolicy.Supervised, action);
        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await rig.Engine.ResolveAsync("failed_service:web.service", "unit is active again", CancellationToken.None);
        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);

        release.SetResult();
        await Eventually(() => action.Runs == 2 ? action : null);
        await rig.Engine.WhenIdleAsync();

        Assert.Equal([ActionOutcome.Success, ActionOutcome.Success], rig.History.Entries.Select(e => e.Outcome));
        Assert.Equal(SystemState.Healthy, rig.Engine.Health().State);
    }

    [Fact]
    public async Task A_unit_brought_back_by_someone_else_meanwhile_is_not_healed_twice()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var action = new CountingAction(ActionResult.Ok("restarted"), release);
        var rig = Rig(HealingPolicy.Supervised, action);
        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await rig.Engine.ResolveAsync("failed_service:web.service", "unit is active again", CancellationToken.None);
        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await rig.Engine.ResolveAsync("failed_service:web.service", "unit is active again", CancellationToken.None);

        release.SetResult();
        await rig.Engine.WhenIdleAsync();

        Assert.Equal(1, action.Runs);
        Assert.Equal(SystemState.Healthy, rig.Engine.Health().State);
    }

    [Theory]
    [InlineData(HealingPolicy.Guided)]
    [InlineData(HealingPolicy.Manual)]
    public async Task Guided_and_manual_record_one_suggestion_and_change_nothing(HealingPolicy policy)
    {
        var action = new CountingAction(ActionResult.Ok("restarted"));
        var rig = Rig(policy, action);

        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await rig.Engine.WhenIdleAsync();

        Assert.Equal(0, action.Runs);
        Assert.Equal(ActionOutcome.Suggested, Assert.Single(rig.History.Entries).Outcome);
        var health = rig.Engine.Health();
        Assert.Equal(SystemState.Degraded, health.State);
        var view = Assert.Single(health.Issues);
        Assert.False(view.CanAutoHeal);
        Assert.Equal("counting", view.RecommendedAction);
    }

    [Fact]
    public async Task A_failed_heal_keeps_the_issue_open()
    {
        var rig = Rig(HealingPolicy.Supervised, new CountingAction(ActionResult.Fail("did not stay up")));

        await rig.Engine.ObserveAsync(Failed("db.service"), CancellationToken.None);
        await rig.Engine.WhenIdleAsync();

        Assert.Equal(ActionOutcome.Failed, Assert.Single(rig.History.Entries).Outcome);
        Assert.Equal(SystemState.Degraded, rig.Engine.Health().State);
    }

    [Fact]
    public async Task An_issue_is_healed_by_one_action_at_a_time()
    {
        var release = new TaskCompletionSource();
        var action = new CountingAction(ActionResult.Ok("restarted"), release);
        var rig = Rig(HealingPolicy.Supervised, action);

        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await rig.Engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        release.SetResult();
        await rig.Engine.WhenIdleAsync();

        Assert.Equal(1, action.Runs);
    }

    [Fact]
    public async Task A_scan_resolves_issues_its_probe_no_longer_sees()
    {
        var rig = Rig(HealingPolicy.Manual, new CountingAction(ActionResult.Ok("x")));
        var probe = new ListProbe();
        var session = await rig.Engine.BeginSessionAsync(SessionTrigger.Scan, CancellationToken.None);

        await rig.Engine.ApplyScanAsync(probe, [Failed("a.service"), Failed("b.service")], session, CancellationToken.None);
        await rig.Engine.ApplyScanAsync(probe, [Failed("b.service")], session, CancellationToken.None);

        Assert.Equal("b.service", Assert.Single(rig.Engine.Health().Issues).Issue.Subject);
        Assert.Contains(Events(), e => e.Kind == EngineEventKind.IssueResolved && e.Issue!.Subject == "a.service");
    }

    [Fact]
    public async Task A_session_runs_at_most_max_actions_per_session_and_records_the_rest_as_deferred()
    {
        var release = new TaskCompletionSource();
        var action = new CountingAction(ActionResult.Ok("restarted"), release);
        var rig = Rig(HealingPolicy.Supervised, action, maxActions: 2);
        var session = await rig.Engine.BeginSessionAsync(SessionTrigger.Scan, CancellationToken.None);

        await rig.Engine.ApplyScanAsync(new ListProbe(), [Failed("a.service"), Failed("b.service"), Failed("c.service")], session, CancellationToken.None);
        release.SetResult();
        rig.Engine.EndSession(session);
        await session.WhenActionsDoneAsync();

        Assert.Equal(2, action.Runs);
        var deferred = Assert.Single(rig.History.Entries, e => e.Outcome == ActionOutcome.Deferred);
        Assert.Equal("c.service", deferred.Subject);
        Assert.Contains("max_actions_per_session (2)", deferred.Reason);
        var record = await Eventually(() => rig.Sessions.All.SingleOrDefault(s => s.FinishedAt is not null));
        Assert.Equal(SystemState.Degraded, record.StateBefore); // once the issues were known, before acting
        Assert.Equal(SystemState.Degraded, record.StateAfter); // c.service is still waiting
        Assert.Equal(2, record.Succeeded);
        Assert.Equal(3, record.IssuesSeen);
    }

    [Fact]
    public async Task A_unit_that_fails_after_every_heal_gets_at_most_max_failures_attempts()
    {
        var action = new CountingAction(ActionResult.Fail("did not stay up"));
        var rig = Rig(HealingPolicy.Supervised, action);
        await rig.Breaker.InitializeAsync(CancellationToken.None);

        for (var i = 0; i < 20; i++)
        {
            await rig.Engine.ObserveAsync(Failed("crashy.service"), CancellationToken.None);
            await rig.Engine.WhenIdleAsync();
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(new HealingOptions().CircuitBreaker.MaxFailures, action.Runs);
        Assert.Contains("circuit breaker", rig.Engine.Health().Issues.Single().Decision!.Reason);
    }

    [Fact]
    public async Task A_failed_heal_is_tried_again_with_backoff_until_the_breaker_opens_the_same_way_twenty_times()
    {
        for (var run = 0; run < 20; run++)
        {
            var action = new CountingAction(ActionResult.Fail("did not stay up"));
            var rig = Rig(HealingPolicy.Supervised, action);
            await rig.Breaker.InitializeAsync(CancellationToken.None);

            // One failure signal only: the failures that follow a heal arrive while it is verified.
            await rig.Engine.ObserveAsync(Failed("crashy.service"), CancellationToken.None);
            await rig.Engine.WhenIdleAsync();
            Assert.Equal(1, action.Runs);

            _time.Advance(RetryBackoff.After(1) - TimeSpan.FromMilliseconds(1));
            await Task.Delay(20);
            Assert.Equal(1, action.Runs); // not before its backoff
            _time.Advance(TimeSpan.FromMilliseconds(1));
            await Eventually(() => action.Runs == 2 ? "" : null);
            await rig.Engine.WhenIdleAsync();

            _time.Advance(RetryBackoff.After(2));
            await Eventually(() => action.Runs == 3 ? "" : null);
            await rig.Engine.WhenIdleAsync();

            // The breaker opened at max_failures: later backoffs find it open and nothing more runs.
            for (var i = 0; i < 10; i++)
            {
                _time.Advance(RetryBackoff.Longest);
                await Task.Delay(5);
            }
            await rig.Engine.WhenIdleAsync();
            Assert.Equal(new HealingOptions().CircuitBreaker.MaxFailures, action.Runs);
            var reason = rig.Engine.Health().Issues.Single().Decision!.Reason;
            Assert.StartsWith("gave up after 3 tries: circuit breaker open for crashy.service until ", reason);
            Assert.EndsWith("; once it is fixed: annactl breaker --reset crashy.service", reason);
            rig.Engine.Dispose();
        }
    }

    [Fact]
    public void Backoff_doubles_from_one_second_to_a_minute()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(n => RetryBackoff.After(n).TotalSeconds));
    }

    private static async Task<T> Eventually<T>(Func<T?> read) where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (read() is { } value)
                return value;
            await Task.Delay(10);
        }
        throw new TimeoutException("condition never held");
    }

    private sealed class ListProbe : IProbe
    {
        public string Name => "list";

        public IReadOnlyList<string> Kinds { get; } = [IssueKind.FailedService];

        public Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Issue>>([]);
    }
}
