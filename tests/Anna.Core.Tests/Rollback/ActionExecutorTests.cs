using Anna.Core.Vocabulary;
using Anna.Core.Policy;
using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

public sealed class ActionExecutorTests
{
    [Fact]
    public async Task The_intent_is_in_the_journal_before_the_action_runs()
    {
        var rig = new RollbackRig();
        var action = rig.Action(true, "a.service");

        await rig.RunAsync(action);

        Assert.NotNull(action.SeenDuringRun);
        Assert.Equal(ActionOutcome.InProgress, action.SeenDuringRun.Entry.Outcome);
        Assert.True(action.SeenDuringRun.Snapshot.IsEmpty);
    }

    [Fact]
    public async Task A_success_with_steps_is_undoable_for_rollback_timeout()
    {
        var rig = new RollbackRig(new RollbackOptions { RollbackTimeoutMinutes = 30 });

        var id = await rig.RunAsync(rig.Action(true, "a.service", "b.service"));

        var record = await rig.RecordAsync(id);
        Assert.Equal(ActionOutcome.Success, record.Entry.Outcome);
        Assert.Equal(UndoState.Undoable, record.UndoState);
        Assert.Equal(rig.Time.GetUtcNow().AddMinutes(30), record.UndoableUntil);
        Assert.Equal(["a.service", "b.service"], record.Snapshot.Steps.Cast<StopServiceStep>().Select(s => s.Unit));
        Assert.Equal(ActionOutcome.Success, Assert.Single(rig.History.Entries).Outcome);
    }

    [Fact]
    public async Task A_failure_is_rolled_back_in_reverse_order_when_the_policy_says_so()
    {
        var rig = new RollbackRig();

        var id = await rig.RunAsync(rig.Action(false, "a.service", "b.service"));

        var record = await rig.RecordAsync(id);
        Assert.Equal(ActionOutcome.RolledBack, record.Entry.Outcome);
        Assert.Contains("auto_rollback_on_failure put the machine back", record.Entry.Detail);
        Assert.Equal(["b.service", "a.service"], rig.Ledger.Undone);
        Assert.Equal(["a.service", "b.service"], rig.Ledger.Released);
        Assert.False(rig.Ledger.IsActive("a.service"));
        Assert.Equal(UndoState.NotUndoable, record.UndoState);
    }

    [Fact]
    public async Task Without_auto_rollback_a_failure_stays_as_it_is_and_can_be_undone_by_hand()
    {
        var rig = new RollbackRig(new RollbackOptions { AutoRollbackOnFailure = false });

        var id = await rig.RunAsync(rig.Action(false, "a.service"));

        var record = await rig.RecordAsync(id);
        Assert.Equal(ActionOutcome.Failed, record.Entry.Outcome);
        Assert.Empty(rig.Ledger.Undone);
        Assert.Equal(UndoState.Undoable, record.UndoState);
    }

    [Fact]
    public async Task An_action_that_records_no_step_has_nothing_to_undo()
    {
        var rig = new RollbackRig();

        var id = await rig.RunAsync(rig.Action(true));

        var record = await rig.RecordAsync(id);
        Assert.Equal(UndoState.NotUndoable, record.UndoState);
        Assert.Equal(UndoStatus.NotUndoable, (await rig.Undo.UndoAsync(id, "ann", force: false, CancellationToken.None)).Status);
    }

    [Fact]
    public void Snapshots_round_trip_through_json_with_every_step_kind()
    {
        var state = new FileState("/var/log/x.log", true, "ab12", 10, 0, 4, 0b110_100_000, 1700000000000);
        var snapshot = new RollbackSnapshot([
            new RestartServiceStep("a.service"),
            new StopServiceStep("b.service"),
            new RestoreFileStep(state, "/var/lib/anna/backups/1/x.log", "cd34"),
            new RevertConfigStep(state with { Path = "/etc/anna/healing.toml" }, "/var/lib/anna/backups/1/healing.toml"),
            new ReinstallPackageStep("curl", "7.88.1-10", "7.88.1-11", "/var/lib/anna/backups/1/curl.deb"),
            new RestoreQuarantinedStep([new QuarantinedFile("/var/cache/apt/archives/a.deb", "/var/lib/anna/quarantine/1/a.deb", 5, 0, 0, 0b110_100_100, 1)]),
        ]);

        var json = snapshot.ToJson();
        var back = RollbackSnapshot.FromJson(json);

        Assert.Contains("\"kind\":\"restore_quarantined\"", json);
        Assert.Equal(snapshot.Steps.Select(s => s.GetType()), back.Steps.Select(s => s.GetType()));
        Assert.Equal(json, back.ToJson());
        Assert.Equal(snapshot.Steps[2], back.Steps[2]);
        Assert.Equal(5, ((RestoreQuarantinedStep)back.Steps[5]).TotalBytes);
    }
}
