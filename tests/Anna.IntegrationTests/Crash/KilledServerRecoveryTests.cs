using Anna.Core.Rollback;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// The real Anna process SIGKILLed in the middle of restarting a failed unit on a real systemd,
/// then started again on the same data directory: the cut-off row ends success or rolled_back,
/// saying that Anna stopped, and what it says matches the unit.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class KilledServerRecoveryTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private const string Supervised = """
        [healing]
        policy = "supervised"
        settle_seconds = 1
        """;

    // After the restart, Anna only suggests: a unit recovery left failed stays failed, so what
    // the test sees is recovery's doing alone, not a new heal.
    private const string Guided = """
        [healing]
        policy = "guided"
        """;

    private UnitDriver _units = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await _units.ResetAllFailedAsync();
    }

    public async Task DisposeAsync() => await _units.DisposeAsync();

    public static TheoryData<FaultPoint, string, bool> Cases => new()
    {
        // "Stop it again" is on disk, the start was never made: rolled back, the unit still failed.
        { FaultPoint.StepRecorded, "rolled_back", false },
        // Started and verified, killed before the outcome was written: found in place, completed.
        { FaultPoint.Acted, "success", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_restart_killed_at_a_point_is_finished_at_the_next_start_as_the_unit_is(FaultPoint point, string outcome, bool active)
    {
        var unit = $"killed-{point.ToString().ToLowerInvariant()}.service";
        using var state = new AnnaStateDirectory();
        var launch = AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress);
        try
        {
            state.WritePolicy(Supervised);
            var pid = await _units.StartSleeperAsync(unit);
            var id = await CrashDrill.HoldAndKillAsync(state, launch, point, unit, _ =>
            {
                UnitDriver.Kill(pid);
                return Task.CompletedTask;
            });

            state.WritePolicy(Guided);
            var (anna, detail) = await CrashDrill.RestartAndRecoverAsync(state, launch, id);
            await using (anna)
            {
                var entry = detail.GetProperty("entry");
                Assert.Equal(outcome, entry.GetProperty("outcome").GetString());
                Assert.Contains("Anna stopped while this action ran", entry.GetProperty("detail").GetString());
                Assert.Equal("stop_service", Assert.Single(detail.GetProperty("steps").EnumerateArray()).GetProperty("kind").GetString());
                Assert.Equal(active ? "undoable" : "not_undoable", detail.GetProperty("undoState").GetString());
                var status = await _units.StatusAsync(unit);
                Assert.True(status.IsActive == active, $"{unit} is {status.ActiveState}/{status.SubState}, recorded {outcome}:\n{anna.Output()}");
                if (!active)
                    Assert.True(status.IsFailed, $"{unit} is {status.ActiveState}/{status.SubState}: recovery should have left it as it was");

                var rows = await CrashDrill.AllRowsAsync(anna.Client);
                Assert.Single(rows, r => r.GetProperty("id").GetInt64() == id);
                Assert.DoesNotContain(rows, r => r.GetProperty("outcome").GetString() == "in_progress");
            }
        }
        finally
        {
            await _units.StopAsync(unit);
        }
    }

    [Fact]
    public async Task A_restart_killed_after_it_cleared_the_failed_state_is_healed_again_at_the_next_start_not_lost()
    {
        const string unit = "killed-half-done.service";
        using var state = new AnnaStateDirectory();
        var launch = AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress);
        try
        {
            state.WritePolicy(Supervised);
            var pid = await _units.StartSleeperAsync(unit);
            // Held after reset-failed, before the start: the unit is inactive, no longer "failed", when Anna dies.
            var id = await CrashDrill.HoldAndKillAsync(state, launch, FaultPoint.HalfDone, unit, _ =>
            {
                UnitDriver.Kill(pid);
                return Task.CompletedTask;
            });
            var between = await _units.StatusAsync(unit);
            Assert.False(between.IsFailed || between.IsActive, $"{unit} is {between.ActiveState}/{between.SubState}");

            var (anna, detail) = await CrashDrill.RestartAndRecoverAsync(state, launch, id);
            await using (anna)
            {
                Assert.Equal("rolled_back", detail.GetProperty("entry").GetProperty("outcome").GetString());
                // The heal is not lost: raised again and done by the new Anna.
                await Eventually.HoldsAsync(() => _units.StatusAsync(unit), s => s.IsActive, $"{unit} healed after the restart", TimeSpan.FromSeconds(60));
                var rows = await Eventually.HoldsAsync(() => CrashDrill.AllRowsAsync(anna.Client),
                    r => r.Any(e => e.GetProperty("id").GetInt64() != id && e.GetProperty("outcome").GetString() == "success"), "a new successful heal");
                Assert.Equal(2, rows.Count(r => r.GetProperty("subject").GetString() == unit));
            }
        }
        finally
        {
            await _units.StopAsync(unit);
        }
    }
}
