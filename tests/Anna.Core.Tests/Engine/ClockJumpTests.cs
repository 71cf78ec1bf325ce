using Anna.Core.Actions;
using Anna.Core.Approvals;
using Anna.Core.Breaker;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Core.Tests.Engine;

/// <summary>
/// The wall clock jumps back an hour (an admin's date, a bad NTP step) or forward a day: a breaker
/// is never held open, nor an approval kept waiting, longer than its window from the time the
/// clock now shows; a jump forward ends them, as the clock says.
/// </summary>
public sealed class ClockJumpTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private const string Web = "web.service";

    private readonly JumpingClock _clock = new(Noon);

    private async Task<HealingCircuitBreaker> OpenBreakerAsync()
    {
        var config = new TestHealingConfig(new HealingOptions { CircuitBreaker = new CircuitBreakerOptions { MaxFailures = 3, FailureWindowMinutes = 60 } });
        var breaker = new HealingCircuitBreaker(new InMemoryBreakerStore(), config, _clock, NullLogger<HealingCircuitBreaker>.Instance);
        await breaker.InitializeAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
            await breaker.RecordAsync(Web, succeeded: false, CancellationToken.None);
        Assert.False(breaker.Check(Web).Allowed);
        return breaker;
    }

    [Fact]
    public async Task A_jump_back_does_not_keep_a_breaker_open_longer_than_its_window()
    {
        var breaker = await OpenBreakerAsync();

        _clock.Now = Noon - TimeSpan.FromHours(1);
        var check = breaker.Check(Web);
        Assert.False(check.Allowed);
        Assert.Contains("until 12:00 UTC", check.Reason, StringComparison.Ordinal);

        // An hour on the clock as it now reads: the window has passed, one try goes through.
        _clock.Now = Noon + TimeSpan.FromMinutes(1);
        Assert.True(breaker.Check(Web).Allowed);
    }

    [Fact]
    public async Task A_jump_back_does_not_make_old_failures_count_longer()
    {
        var config = new TestHealingConfig(new HealingOptions { CircuitBreaker = new CircuitBreakerOptions { MaxFailures = 3, FailureWindowMinutes = 60 } });
        var breaker = new HealingCircuitBreaker(new InMemoryBreakerStore(), config, _clock, NullLogger<HealingCircuitBreaker>.Instance);
        await breaker.InitializeAsync(CancellationToken.None);
        await breaker.RecordAsync(Web, succeeded: false, CancellationToken.None);
        await breaker.RecordAsync(Web, succeeded: false, CancellationToken.None);

        _clock.Now = Noon - TimeSpan.FromHours(1);
        Assert.True(breaker.Check(Web).Allowed); // Anna looks at the breaker at every decision
        _clock.Now += TimeSpan.FromMinutes(61);
        await breaker.RecordAsync(Web, succeeded: false, CancellationToken.None);

        // The two old failures are more than the window behind the clock's own reading: they do not count.
        Assert.True(breaker.Check(Web).Allowed);
    }

    [Fact]
    public async Task A_jump_forward_a_day_lets_a_try_through()
    {
        var breaker = await OpenBreakerAsync();
        _clock.Now = Noon + TimeSpan.FromDays(1);
        Assert.True(breaker.Check(Web).Allowed);
    }

    [Fact]
    public async Task A_jump_back_does_not_keep_an_approval_waiting_longer_than_its_lifetime()
    {
        var rig = new EngineRig(new TestHealingConfig(new HealingOptions { Policy = HealingPolicy.Supervised }), [new CountingAction(ActionResult.Ok("restarted"), risk: ActionRisk.Medium)], _clock);
        await rig.Engine.ObserveAsync(new Issue(IssueKind.FailedService, "ssh.service", IssueSeverity.Warning, "ssh.service failed",
            new Dictionary<string, string>(), Noon, Noon), CancellationToken.None);
        var request = Assert.Single(await rig.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None));
        Assert.Equal(Noon + ApprovalQueue.Lifetime, request.ExpiresAt);

        _clock.Now = Noon - TimeSpan.FromHours(1);
        Assert.Single(await rig.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None));

        _clock.Now += ApprovalQueue.Lifetime + TimeSpan.FromMinutes(1);
        Assert.Empty(await rig.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None));
        Assert.Equal(ApprovalStatus.Expired, (await rig.ApprovalStore.GetAsync(request.Id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_jump_forward_a_day_expires_an_approval()
    {
        var rig = new EngineRig(new TestHealingConfig(new HealingOptions { Policy = HealingPolicy.Supervised }), [new CountingAction(ActionResult.Ok("restarted"), risk: ActionRisk.Medium)], _clock);
        await rig.Engine.ObserveAsync(new Issue(IssueKind.FailedService, "ssh.service", IssueSeverity.Warning, "ssh.service failed",
            new Dictionary<string, string>(), Noon, Noon), CancellationToken.None);
        _clock.Now = Noon + TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1);
        Assert.Empty(await rig.Approvals.ListAsync(ApprovalStatus.Pending, CancellationToken.None));
    }
}
