using Anna.Core.Policy;
using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

public sealed class RollbackRetentionTests
{
    [Fact]
    public async Task Only_the_newest_history_size_actions_stay_undoable()
    {
        var rig = new RollbackRig(new RollbackOptions { HistorySize = 2 });
        var oldest = await rig.RunAsync(rig.Action(true, "a.service"));
        var middle = await rig.RunAsync(rig.Action(true, "b.service"));
        var newest = await rig.RunAsync(rig.Action(true, "c.service"));

        Assert.Equal(1, await rig.Retention.PruneAsync(CancellationToken.None));

        var expired = await rig.RecordAsync(oldest);
        Assert.Equal(UndoState.Expired, expired.UndoState);
        Assert.Contains("history_size (2)", expired.UndoNote);
        Assert.Equal(["a.service"], rig.Ledger.Released);
        Assert.Equal(UndoState.Undoable, (await rig.RecordAsync(middle)).UndoState);
        Assert.Equal(UndoState.Undoable, (await rig.RecordAsync(newest)).UndoState);
        Assert.Equal(3, rig.History.Entries.Count); // history rows are kept
    }

    [Fact]
    public async Task Past_rollback_timeout_an_action_expires_and_what_it_kept_is_released()
    {
        var rig = new RollbackRig(new RollbackOptions { RollbackTimeoutMinutes = 5 });
        var id = await rig.RunAsync(rig.Action(true, "a.service"));

        Assert.Equal(0, await rig.Retention.PruneAsync(CancellationToken.None));
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await rig.Retention.PruneAsync(CancellationToken.None));

        var record = await rig.RecordAsync(id);
        Assert.Equal(UndoState.Expired, record.UndoState);
        Assert.Contains("rollback_timeout (5 min)", record.UndoNote);
        Assert.Equal(UndoStatus.Expired, (await rig.Undo.UndoAsync(id, "ann", false, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task One_action_that_cannot_be_purged_does_not_keep_the_others_from_expiring()
    {
        var rig = new RollbackRig(new RollbackOptions { HistorySize = 1 });
        var stuck = await rig.RunAsync(rig.Action(true, "a.service"));
        var older = await rig.RunAsync(rig.Action(true, "b.service"));
        var newest = await rig.RunAsync(rig.Action(true, "c.service"));
        rig.Ledger.ReleaseFails.Add("a.service");

        Assert.Equal(1, await rig.Retention.PruneAsync(CancellationToken.None));

        Assert.Equal(UndoState.Undoable, (await rig.RecordAsync(stuck)).UndoState); // tried again next pass
        Assert.Equal(UndoState.Expired, (await rig.RecordAsync(older)).UndoState);
        Assert.Equal(UndoState.Undoable, (await rig.RecordAsync(newest)).UndoState);
        Assert.Equal(["b.service"], rig.Ledger.Released);

        rig.Ledger.ReleaseFails.Clear();
        Assert.Equal(1, await rig.Retention.PruneAsync(CancellationToken.None));
        Assert.Equal(UndoState.Expired, (await rig.RecordAsync(stuck)).UndoState);
    }
}
