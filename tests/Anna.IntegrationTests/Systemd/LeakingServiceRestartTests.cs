using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.Testing;

namespace Anna.IntegrationTests.Systemd;

/// <summary>
/// The preventive plan for a service forecast to reach its memory limit, on a real systemd user
/// manager: the running unit is restarted (a new main process), journaled with the step that would
/// start it again, and a unit that is not running is left alone. For the machine's memory the unit
/// restarted is the one the forecast names as growing into it.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class LeakingServiceRestartTests(SystemdSandboxFixture systemd) : IDisposable
{
    private static readonly TestHealingConfig Config = new(new HealingOptions { SettleSeconds = 0.3 });
    private readonly RollbackRig _rig = new(_ => [new ServiceStepUndoer(systemd.Manager)], config: Config);

    public void Dispose() => _rig.Dispose();

    private static Issue Forecast(string unit) =>
        new(IssueKind.PredictedMemoryExhaustion, unit, IssueSeverity.Warning, $"{unit} reaches its MemoryMax= in ~9 h",
            new Dictionary<string, string> { ["eta"] = DateTimeOffset.UtcNow.AddHours(9).ToString("O") }, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_running_service_forecast_to_reach_its_limit_is_restarted_with_a_new_main_process()
    {
        var unit = await systemd.InstallServiceAsync("leaking", "MemoryMax=64M");
        try
        {
            Assert.Equal("done", await systemd.Manager.StartUnitAsync(unit, CancellationToken.None));
            var before = await systemd.Manager.GetUnitAsync(unit, CancellationToken.None);
            var action = new RestartLeakingServiceAction(new ServiceRestarter(systemd.Manager, Config, TimeProvider.System));
            Assert.True(action.CanHeal(Forecast(unit.Value)));

            var dry = await action.DryRunAsync(Forecast(unit.Value), CancellationToken.None);
            Assert.Contains($"would restart {unit}", dry.Detail, StringComparison.Ordinal);
            Assert.Equal(before.MainPid, (await systemd.Manager.GetUnitAsync(unit, CancellationToken.None)).MainPid);

            var (entry, result) = await _rig.ExecuteAsync(action, Forecast(unit.Value));

            Assert.True(result.Succeeded, result.Detail);
            var after = await systemd.Manager.GetUnitAsync(unit, CancellationToken.None);
            Assert.True(after.IsActive, $"{unit} is {after.ActiveState}/{after.SubState}");
            Assert.NotEqual(before.MainPid, after.MainPid);
            var step = Assert.IsType<RestartServiceStep>(Assert.Single((await _rig.RecordAsync(entry.Id)).Snapshot.Steps));
            Assert.Equal(unit.Value, step.Unit);
        }
        finally
        {
            await systemd.Manager.StopUnitAsync(unit, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_service_without_a_limit_named_by_the_machines_memory_forecast_is_the_one_restarted()
    {
        var unit = await systemd.InstallServiceAsync("growing");
        try
        {
            Assert.Equal("done", await systemd.Manager.StartUnitAsync(unit, CancellationToken.None));
            var before = await systemd.Manager.GetUnitAsync(unit, CancellationToken.None);
            var forecast = Forecast("memory") with
            {
                Evidence = new Dictionary<string, string>(Forecast("memory").Evidence) { [ForecastProbe.LeakingUnit] = unit.Value },
            };
            var action = new RestartLeakingServiceAction(new ServiceRestarter(systemd.Manager, Config, TimeProvider.System));

            var (entry, result) = await _rig.ExecuteAsync(action, forecast);

            Assert.True(result.Succeeded, result.Detail);
            var after = await systemd.Manager.GetUnitAsync(unit, CancellationToken.None);
            Assert.True(after.IsActive, $"{unit} is {after.ActiveState}/{after.SubState}");
            Assert.NotEqual(before.MainPid, after.MainPid);
            Assert.Equal(unit.Value, Assert.IsType<RestartServiceStep>(Assert.Single((await _rig.RecordAsync(entry.Id)).Snapshot.Steps)).Unit);
        }
        finally
        {
            await systemd.Manager.StopUnitAsync(unit, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_service_that_is_not_running_is_not_started_by_the_forecast_and_nothing_is_recorded_to_undo()
    {
        var unit = await systemd.InstallServiceAsync("leaking-stopped", "MemoryMax=64M");
        var action = new RestartLeakingServiceAction(new ServiceRestarter(systemd.Manager, Config, TimeProvider.System));

        var (entry, result) = await _rig.ExecuteAsync(action, Forecast(unit.Value));

        Assert.False(result.Succeeded);
        Assert.Contains("not restarted: unit is not running", result.Detail, StringComparison.Ordinal);
        Assert.False((await systemd.Manager.GetUnitAsync(unit, CancellationToken.None)).IsActive);
        Assert.Empty((await _rig.RecordAsync(entry.Id)).Snapshot.Steps);
    }
}
