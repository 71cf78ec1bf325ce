using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Policy;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Engine;

/// <summary>systemd's state changes as the engine sees them, through the one mapping the host forwards to.</summary>
public sealed class UnitSignalsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeSystemdManager _systemd = new();
    private readonly EngineRig _rig;
    private readonly UnitSignals _signals;

    public UnitSignalsTests()
    {
        // Guided: an observed issue stays on the board as a suggestion, nothing runs.
        _rig = new EngineRig(new TestHealingConfig(new HealingOptions { Policy = HealingPolicy.Guided }), [new CountingAction(ActionResult.Ok("restarted"))], _time);
        _signals = new UnitSignals(_systemd, _rig.Engine, _time);
    }

    private UnitChange Change(string unit, string state) => new(UnitName.Parse(unit), state, state == "failed" ? "failed" : "running", _time.GetUtcNow());

    [Fact]
    public async Task A_unit_that_failed_and_still_is_becomes_the_probe_s_failed_service_issue()
    {
        _systemd.Units.Add(FakeSystemdManager.Unit("web.service", "failed", "failed", "exit-code"));

        await _signals.HandleAsync(Change("web.service", "failed"), None);

        Assert.True(_rig.Board.TryGet(Issue.KeyOf(IssueKind.FailedService, "web.service"), out var view));
        Assert.Equal("web.service", view!.Issue.Subject);
    }

    [Fact]
    public async Task A_failed_signal_for_a_unit_already_back_raises_nothing()
    {
        _systemd.Units.Add(FakeSystemdManager.Unit("web.service", "active"));

        await _signals.HandleAsync(Change("web.service", "failed"), None);

        Assert.Empty(_rig.Board.Open);
    }

    [Fact]
    public async Task A_unit_active_again_resolves_its_issue()
    {
        _systemd.Units.Add(FakeSystemdManager.Unit("web.service", "failed", "failed", "exit-code"));
        await _signals.HandleAsync(Change("web.service", "failed"), None);
        Assert.Single(_rig.Board.Open);

        await _signals.HandleAsync(Change("web.service", "active"), None);

        Assert.Empty(_rig.Board.Open);
    }
}
