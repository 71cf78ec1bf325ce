using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Engine;

public sealed class HealingEngineTests
{
    private readonly InMemoryHistoryStore _history = new();
    private readonly List<EngineEvent> _events = [];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private HealingEngine Engine(HealingPolicy policy, IHealingAction action)
    {
        var feed = new EngineEventFeed(NullLogger<EngineEventFeed>.Instance);
        feed.Subscribe(e => { lock (_events) _events.Add(e); });
        return new HealingEngine(new IssueBoard(), new ActionCatalog([action]), new FixedHealingConfig(new HealingOptions { Policy = policy }),
            _history, feed, new WatchStatus(), _time, NullLogger<HealingEngine>.Instance);
    }

    private Issue Failed(string unit) => new(IssueKind.FailedService, unit, IssueSeverity.Warning, $"{unit} failed",
        new Dictionary<string, string>(), _time.GetUtcNow(), _time.GetUtcNow());

    [Fact]
    public async Task Supervised_heals_records_success_and_returns_to_healthy()
    {
        var action = new CountingAction(ActionResult.Ok("restarted"));
        var engine = Engine(HealingPolicy.Supervised, action);

        await engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await engine.WhenIdleAsync();

        Assert.Equal(1, action.Runs);
        var entry = Assert.Single(_history.Entries);
        Assert.Equal(ActionOutcome.Success, entry.Outcome);
        Assert.Equal("restarted", entry.Detail);
        Assert.Equal(SystemState.Healthy, engine.Health().State);
        Assert.Contains(_events, e => e.Kind == EngineEventKind.ActionSucceeded);
        Assert.Equal(["failed_service:web.service"], _history.Resolved);
    }

    [Theory]
    [InlineData(HealingPolicy.Guided)]
    [InlineData(HealingPolicy.Manual)]
    public async Task Guided_and_manual_record_one_suggestion_and_change_nothing(HealingPolicy policy)
    {
        var action = new CountingAction(ActionResult.Ok("restarted"));
        var engine = Engine(policy, action);

        await engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await engine.WhenIdleAsync();

        Assert.Equal(0, action.Runs);
        var entry = Assert.Single(_history.Entries);
        Assert.Equal(ActionOutcome.Suggested, entry.Outcome);
        var health = engine.Health();
        Assert.Equal(SystemState.Degraded, health.State);
        var view = Assert.Single(health.Issues);
        Assert.False(view.CanAutoHeal);
        Assert.Equal("counting", view.RecommendedAction);
    }

    [Fact]
    public async Task A_failed_heal_keeps_the_issue_open()
    {
        var engine = Engine(HealingPolicy.Supervised, new CountingAction(ActionResult.Fail("did not stay up")));

        await engine.ObserveAsync(Failed("db.service"), CancellationToken.None);
        await engine.WhenIdleAsync();

        Assert.Equal(ActionOutcome.Failed, Assert.Single(_history.Entries).Outcome);
        Assert.Equal(SystemState.Degraded, engine.Health().State);
    }

    [Fact]
    public async Task An_issue_is_healed_by_one_action_at_a_time()
    {
        var release = new TaskCompletionSource();
        var action = new CountingAction(ActionResult.Ok("restarted"), release);
        var engine = Engine(HealingPolicy.Supervised, action);

        await engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        await engine.ObserveAsync(Failed("web.service"), CancellationToken.None);
        release.SetResult();
        await engine.WhenIdleAsync();

        Assert.Equal(1, action.Runs);
    }

    [Fact]
    public async Task A_scan_resolves_issues_its_probe_no_longer_sees()
    {
        var engine = Engine(HealingPolicy.Manual, new CountingAction(ActionResult.Ok("x")));
        var probe = new ListProbe();

        await engine.ApplyScanAsync(probe, [Failed("a.service"), Failed("b.service")], CancellationToken.None);
        await engine.ApplyScanAsync(probe, [Failed("b.service")], CancellationToken.None);

        Assert.Equal("b.service", Assert.Single(engine.Health().Issues).Issue.Subject);
        Assert.Contains(_events, e => e.Kind == EngineEventKind.IssueResolved && e.Issue!.Subject == "a.service");
    }

    private sealed class ListProbe : IProbe
    {
        public string Name => "list";

        public IReadOnlyList<string> Kinds { get; } = [IssueKind.FailedService];

        public Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Issue>>([]);
    }
}
