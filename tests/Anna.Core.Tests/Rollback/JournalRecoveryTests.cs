using Anna.Core.Vocabulary;
using Anna.Core.Rollback;
using Anna.Testing;

namespace Anna.Core.Tests.Rollback;

/// <summary>
/// The executor is stopped dead at each fault point (as a crash there would), then start-up
/// recovery runs over the same journal: every case must end recorded, none left in progress.
/// </summary>
public sealed class JournalRecoveryTests
{
    private static async Task<(RollbackRig Rig, long Id)> CrashAsync(FaultPoint point, params string[] units)
    {
        var rig = new RollbackRig(faults: new HaltingFaults(point));
        await Assert.ThrowsAsync<ExecutorHaltedException>(() => rig.RunAsync(rig.Action(true, units)));
        var id = Assert.Single(rig.History.Entries).Id;
        Assert.Equal(ActionOutcome.InProgress, (await rig.RecordAsync(id)).Entry.Outcome);
        return (rig, id);
    }

    [Fact]
    public async Task Cut_off_after_the_intent_nothing_changed_and_that_is_recorded()
    {
        var (rig, id) = await CrashAsync(FaultPoint.IntentWritten, "a.service");

        var recovered = Assert.Single(await rig.Recovery.RecoverAsync(CancellationToken.None));

        // No step recorded means no change made: the machine is as it was, which is rolled_back.
        var record = await rig.RecordAsync(id);
        Assert.Equal(ActionOutcome.RolledBack, record.Entry.Outcome);
        Assert.Contains("before it changed anything", record.Entry.Detail);
        Assert.Equal("cut off before it changed anything", record.UndoNote);
        Assert.Equal(id, recovered.Id);
        Assert.Empty(rig.Ledger.Undone);
    }

    [Fact]
    public async Task Cut_off_after_a_step_was_recorded_but_before_its_change_it_is_rolled_back()
    {
        // The first step is recorded, the halt comes before the unit is started.
        var (rig, id) = await CrashAsync(FaultPoint.StepRecorded, "a.service", "b.service");

        await rig.Recovery.RecoverAsync(CancellationToken.None);

        var record = await rig.RecordAsync(id);
        Assert.Equal(ActionOutcome.RolledBack, record.Entry.Outcome);
        Assert.Contains("Anna stopped while this action ran, half-way", record.Entry.Detail);
        Assert.Equal(["a.service"], rig.Ledger.Undone);
        Assert.Equal(UndoState.NotUndoable, record.UndoState);
    }

    [Fact]
    public async Task Cut_off_after_acting_but_before_the_outcome_it_is_recorded_as_completed_and_undoable()
    {
        var (rig, id) = await CrashAsync(FaultPoint.Acted, "a.service", "b.service");

        await rig.Recovery.RecoverAsync(CancellationToken.None);

        var record = await rig.RecordAsync(id);
        Assert.Equal(ActionOutcome.Success, record.Entry.Outcome);
        Assert.Contains("every change was found in place", record.Entry.Detail);
        Assert.Equal(UndoState.Undoable, record.UndoState);
        Assert.True(rig.Ledger.IsActive("a.service") && rig.Ledger.IsActive("b.service"));
        Assert.Empty(rig.Ledger.Undone);
    }

    [Fact]
    public async Task Recovery_with_nothing_unfinished_does_nothing()
    {
        var rig = new RollbackRig();
        await rig.RunAsync(rig.Action(true, "a.service"));

        Assert.Empty(await rig.Recovery.RecoverAsync(CancellationToken.None));
        Assert.Empty(rig.Ledger.Undone);
    }
}
