using Anna.Core.Vocabulary;
using Anna.Core.Rollback;
using Anna.Core.Actions;
using Anna.Core.Approvals;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Sessions;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Engine;

public sealed class ApprovalFlowTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private EngineRig Rig(params IHealingAction[] actions) =>
        new(new TestHealingConfig(new HealingOptions { Policy = HealingPolicy.Supervised }), actions, _time);

    private Issue Failed(string unit) => new(IssueKind.FailedService, unit, IssueSeverity.Warning, $"{unit} failed",
        new Dictionary<string, string>(), _time.GetUtcNow(), _time.GetUtcNow());

    [Fact]
    public async Task Per_session_consent_approves_the_rest_of_that_sessions_items_of_the_category()
    {
        var action = new MediumAction();
        var rig = Rig(action);
        var session = await rig.Engine.BeginSessionAsync(SessionTrigger.Scan, CancellationToken.None);
        foreach (var unit in new[] { "a.service", "b.service", "c.service" })
            await rig.Engine.ObserveAsync(Failed(unit), session, CancellationToken.None);
        var pending = await rig.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None);
        Assert.Equal(3, pending.Count);

        var outcomes = await rig.Requests.DecideAsync([pending[0].Id], approve: true, perSession: true, "alice", CancellationToken.None);
        await rig.Engine.WhenIdleAsync();

        Assert.Equal(3, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(ApprovalStatus.Approved, o.Status));
        Assert.Equal(3, action.Runs);
        Assert.All(rig.History.Entries.Where(e => e.Outcome == ActionOutcome.Success), e =>
        {
            Assert.Equal(ConsentLevel.PerSession, e.Consent);
            Assert.Equal("alice", e.ApprovedBy);
        });
    }

    [Fact]
    public async Task An_approval_whose_action_cannot_start_waits_again_instead_of_staying_approved_and_unrun()
    {
        var action = new MediumAction();
        var rig = new EngineRig(new TestHealingConfig(new HealingOptions { Policy = HealingPolicy.Supervised, MaxActionsPerSession = 1 }), [action], _time);
        foreach (var unit in new[] { "a.service", "b.service" })
            await rig.Engine.ObserveAsync(Failed(unit), CancellationToken.None);
        var pending = await rig.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None);

        // One approval session, a budget of one action: the second approved action cannot start.
        var outcomes = await rig.Requests.DecideAsync([.. pending.Select(p => p.Id)], approve: true, perSession: false, "alice", CancellationToken.None);
        await rig.Engine.WhenIdleAsync();

        Assert.Equal(1, action.Runs);
        var refused = Assert.Single(outcomes, o => !o.Accepted);
        Assert.Equal(ApprovalStatus.Pending, refused.Status);
        Assert.Contains("max_actions_per_session (1)", refused.Result, StringComparison.Ordinal);
        Assert.EndsWith("it waits for approval again", refused.Result, StringComparison.Ordinal);
        var again = Assert.Single(await rig.Requests.DecideAsync([refused.Id], approve: true, perSession: false, "alice", CancellationToken.None));
        await rig.Engine.WhenIdleAsync();
        Assert.True(again.Accepted, again.Result);
        Assert.Equal(2, action.Runs);
    }

    [Fact]
    public async Task An_expired_request_cannot_be_approved()
    {
        var action = new MediumAction();
        var rig = Rig(action);
        await rig.Engine.ObserveAsync(Failed("a.service"), CancellationToken.None);
        var request = Assert.Single(await rig.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None));

        _time.Advance(ApprovalQueue.Lifetime + TimeSpan.FromMinutes(1));
        var outcome = Assert.Single(await rig.Requests.DecideAsync([request.Id], approve: true, perSession: false, "alice", CancellationToken.None));

        Assert.False(outcome.Accepted);
        Assert.StartsWith("expired", outcome.Result);
        Assert.Equal(0, action.Runs);
        Assert.Equal(ApprovalStatus.Expired, (await rig.ApprovalStore.GetAsync(request.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task The_healable_list_puts_the_most_approved_fixes_first()
    {
        var rig = Rig(new MediumAction(), new SafeDiskAction());
        await rig.ApprovalStore.AddAsync(Approved(IssueKind.LowDisk, ActionCategory.CacheCleanup), CancellationToken.None);
        await rig.Engine.ObserveAsync(Failed("a.service"), CancellationToken.None);
        await rig.Engine.ObserveAsync(new Issue(IssueKind.LowDisk, "/var", IssueSeverity.Warning, "low", new Dictionary<string, string>(),
            _time.GetUtcNow(), _time.GetUtcNow()), CancellationToken.None);

        var list = await rig.Requests.HealableAsync(CancellationToken.None);

        Assert.Equal(["/var", "a.service"], list.Select(h => h.View.Issue.Subject));
        Assert.Equal(1, list[0].Approved);
    }

    private ApprovalRequest Approved(string kind, ActionCategory category) => new()
    {
        Id = Guid.NewGuid(), IssueKey = "old", IssueKind = kind, Subject = "old", Action = "x", Category = category,
        Risk = ActionRisk.Low, DryRun = "", Reason = "", CreatedAt = _time.GetUtcNow(), ExpiresAt = _time.GetUtcNow(),
        Status = ApprovalStatus.Approved,
    };

    private sealed class MediumAction : IHealingAction
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public string Name => "medium_restart";

        public ActionCategory Category => ActionCategory.ServiceRestart;

        public ActionRisk Risk => ActionRisk.Medium;

        public bool CanHeal(Issue issue) => issue.Kind == IssueKind.FailedService;

        public string Describe(Issue issue) => $"Restart {issue.Subject}";

        public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) => Task.FromResult(ActionResult.Ok("would restart"));

        public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return Task.FromResult(ActionResult.Ok("restarted"));
        }
    }

    private sealed class SafeDiskAction : IHealingAction
    {
        public string Name => "clean_cache";

        public ActionCategory Category => ActionCategory.CacheCleanup;

        public ActionRisk Risk => ActionRisk.Safe;

        public bool CanHeal(Issue issue) => issue.Kind == IssueKind.LowDisk;

        public string Describe(Issue issue) => "Clean the cache";

        public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) => Task.FromResult(ActionResult.Ok("would clean"));

        public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) => Task.FromResult(ActionResult.Fail("not in a window"));
    }
}
