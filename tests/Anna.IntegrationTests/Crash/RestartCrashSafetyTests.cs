using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.History;
using Anna.Core.Linux.Systemd;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.IntegrationTests.Systemd;
using Anna.Testing;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// The restart action cut off at each fault point — the executor halted dead there, as a crash
/// would leave it — on a real systemd and Anna's real SQLite journal; then a fresh recovery over
/// the same file. Each case must end completed-and-recorded or rolled-back-and-recorded, matching
/// what the unit really is, with no history row lost and none left in progress.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class RestartCrashSafetyTests(SystemdSandboxFixture systemd)
{
    private static readonly TestHealingConfig Config = new(new HealingOptions { Policy = HealingPolicy.Supervised, SettleSeconds = 0.5 });

    public static TheoryData<FaultPoint, ActionOutcome, bool> Cases => new()
    {
        // Nothing recorded, nothing changed: the unit is still failed.
        { FaultPoint.IntentWritten, ActionOutcome.RolledBack, false },
        // "Stop it again" recorded, the start not made: nothing to put back, the unit is still failed.
        { FaultPoint.StepRecorded, ActionOutcome.RolledBack, false },
        // Started and verified, outcome not written: found in place, so completed (and undoable).
        { FaultPoint.Acted, ActionOutcome.Success, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_restart_cut_off_at_each_point_is_finished_by_recovery_as_the_machine_says(FaultPoint point, ActionOutcome expected, bool active)
    {
        var unit = await FailedUnitAsync($"cut-{point}".ToLowerInvariant());
        await using var disk = await JournalOnDisk.CreateAsync();
        var faults = new HaltingFaults(point);
        try
        {
            // First life: the real executor, halted at the point.
            var (issue, action, intent) = await RestartOfAsync(unit);
            await Assert.ThrowsAsync<ExecutorHaltedException>(() =>
                disk.Executor([new ServiceStepUndoer(systemd.Manager)], faults, Config).ExecuteAsync(issue, action, intent));
            var id = faults.Halted;
            Assert.NotEqual(0, id);
            Assert.Equal(ActionOutcome.InProgress, (await disk.History.GetAsync(id, CancellationToken.None))!.Outcome);

            // Second life: a fresh store on the same file and a fresh connection to systemd.
            await disk.RestartAsync();
            await using var manager = systemd.CreateManager();
            await manager.StartAsync(CancellationToken.None);
            var recovered = Assert.Single(await disk.Recovery([new ServiceStepUndoer(manager)], Config).RecoverAsync(CancellationToken.None));

            Assert.Equal(id, recovered.Id);
            Assert.Equal(expected, recovered.Outcome);
            var row = Assert.Single(await disk.RowsAsync());
            Assert.Equal(id, row.Id);
            Assert.Equal(expected, row.Outcome);
            Assert.Contains("Anna stopped while this action ran", row.Detail);
            Assert.NotNull(row.FinishedAt);
            Assert.Empty(await disk.Journal.UnfinishedAsync(CancellationToken.None));
            var status = await manager.GetUnitAsync(unit, CancellationToken.None);
            Assert.True(status.IsActive == active, $"{unit} is {status.ActiveState}/{status.SubState}; recovery recorded {recovered.Outcome}");
            var record = (await disk.Journal.GetAsync(id, CancellationToken.None))!;
            Assert.Equal(expected == ActionOutcome.Success ? UndoState.Undoable : UndoState.NotUndoable, record.UndoState);

            // A second start finds nothing left to do.
            await disk.RestartAsync();
            Assert.Empty(await disk.Recovery([new ServiceStepUndoer(manager)], Config).RecoverAsync(CancellationToken.None));
            Assert.Single(await disk.RowsAsync());
        }
        finally
        {
            await StopAsync(unit);
        }
    }

    [Fact]
    public async Task A_restart_recovered_as_completed_can_be_undone_afterwards()
    {
        var unit = await FailedUnitAsync("cut-then-undo");
        await using var disk = await JournalOnDisk.CreateAsync();
        var faults = new HaltingFaults(FaultPoint.Acted);
        try
        {
            var (issue, action, intent) = await RestartOfAsync(unit);
            await Assert.ThrowsAsync<ExecutorHaltedException>(() =>
                disk.Executor([new ServiceStepUndoer(systemd.Manager)], faults, Config).ExecuteAsync(issue, action, intent));
            await disk.RestartAsync();
            var undoers = new[] { new ServiceStepUndoer(systemd.Manager) };
            await disk.Recovery(undoers, Config).RecoverAsync(CancellationToken.None);

            var undone = await disk.Undo(undoers).UndoAsync(faults.Halted, "carol@local", force: false, CancellationToken.None);

            Assert.Equal(UndoStatus.Undone, undone.Status);
            var status = await systemd.Manager.GetUnitAsync(unit, CancellationToken.None);
            Assert.False(status.IsActive, $"{unit} is {status.ActiveState}/{status.SubState} after the undo");
            var rows = await disk.RowsAsync();
            Assert.Equal(2, rows.Count);
            Assert.Equal(UndoService.UndoActionName, rows[1].Action);
            Assert.Equal("carol@local", rows[1].ApprovedBy);
            Assert.DoesNotContain(rows, r => r.Outcome == ActionOutcome.InProgress);
        }
        finally
        {
            await StopAsync(unit);
        }
    }

    /// <summary>A unit of its own, started and then killed, so it is failed: what Anna restarts.</summary>
    private async Task<UnitName> FailedUnitAsync(string purpose)
    {
        var unit = await systemd.InstallServiceAsync(purpose);
        Assert.Equal("done", await systemd.Manager.StartUnitAsync(unit, CancellationToken.None));
        var running = await systemd.Manager.GetUnitAsync(unit, CancellationToken.None);
        SystemdSandboxFixture.SigKill(running.MainPid);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await systemd.Manager.GetUnitAsync(unit, CancellationToken.None)).IsFailed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{unit} did not fail after SIGKILL");
            await Task.Delay(20);
        }
        return unit;
    }

    private async Task<(Core.Issues.Issue Issue, IHealingAction Action, HistoryEntry Intent)> RestartOfAsync(UnitName unit)
    {
        var now = DateTimeOffset.UtcNow;
        var issue = FailedServicesProbe.ToIssue(await systemd.Manager.GetUnitAsync(unit, CancellationToken.None), now);
        var action = new RestartServiceAction(new ServiceRestarter(systemd.Manager, Config, TimeProvider.System));
        var decision = new Decision(DecisionKind.Execute, "service_restart is in auto_heal and safe", ConsentLevel.Implied);
        return (issue, action, HistoryEntries.For(issue, action, decision, HealingPolicy.Supervised, ActionOutcome.InProgress, now));
    }

    private async Task StopAsync(UnitName unit)
    {
        await systemd.Manager.StopUnitAsync(unit, CancellationToken.None);
        await systemd.Manager.ResetFailedUnitAsync(unit, CancellationToken.None);
    }
}
