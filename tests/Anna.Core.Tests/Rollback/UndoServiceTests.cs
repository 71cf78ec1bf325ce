using Anna.Core.Vocabulary;
using Anna.Core.Events;
using Anna.Core.Policy;
using Anna.Core.Rollback;

namespace Anna.Core.Tests.Rollback;

public sealed class UndoServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Undo_restores_the_previous_state_and_is_recorded_with_who_asked()
    {
        var rig = new RollbackRig();
        var id = await rig.RunAsync(rig.Action(true, "a.service"));
        var events = new List<EngineEvent>();
        using var subscription = rig.Feed.Subscribe(events.Add);

        var result = await rig.Undo.UndoAsync(id, "ann", force: false, None);

        Assert.Equal(UndoStatus.Undone, result.Status);
        Assert.False(rig.Ledger.IsActive("a.service"));
        var undoRow = Assert.Single(rig.History.Entries, e => e.Id == result.UndoEntryId);
        Assert.Equal(UndoService.UndoActionName, undoRow.Action);
        Assert.Equal("ann", undoRow.ApprovedBy);
        Assert.Equal(ActionOutcome.Success, undoRow.Outcome);
        Assert.Contains($"undo of #{id}", undoRow.Reason);
        Assert.Equal(UndoState.Undone, (await rig.RecordAsync(id)).UndoState);
        Assert.Equal(["a.service"], rig.Ledger.Released);
        Assert.Contains(events, e => e.Kind == EngineEventKind.ActionUndone && e.Entry?.Id == result.UndoEntryId);
    }

    [Fact]
    public async Task A_second_undo_is_refused_and_changes_nothing()
    {
        var rig = new RollbackRig();
        var id = await rig.RunAsync(rig.Action(true, "a.service"));
        await rig.Undo.UndoAsync(id, "ann", false, None);
        rig.Ledger.Set("a.service", true);
        var rows = rig.History.Entries.Count;

        var again = await rig.Undo.UndoAsync(id, "ann", false, None);

        Assert.Equal(UndoStatus.AlreadyUndone, again.Status);
        Assert.True(again.Refused);
        Assert.True(rig.Ledger.IsActive("a.service"));
        Assert.Equal(rows, rig.History.Entries.Count);
    }

    [Fact]
    public async Task After_rollback_timeout_undo_is_refused_as_expired()
    {
        var rig = new RollbackRig(new RollbackOptions { RollbackTimeoutMinutes = 10 });
        var id = await rig.RunAsync(rig.Action(true, "a.service"));

        rig.Time.Advance(TimeSpan.FromMinutes(11));
        var result = await rig.Undo.UndoAsync(id, "ann", false, None);

        Assert.Equal(UndoStatus.Expired, result.Status);
        Assert.Contains("rollback_timeout", result.Detail);
        Assert.True(rig.Ledger.IsActive("a.service"));
    }

    [Fact]
    public async Task Drift_is_refused_naming_it_and_force_overrides_only_file_drift()
    {
        var rig = new RollbackRig();
        var id = await rig.RunAsync(rig.Action(true, "a.service"));
        rig.Ledger.Drifts["a.service"] = new Drift("/etc/a.conf", "sha256 after the action 1111, now 2222", FileOnly: true);

        var refused = await rig.Undo.UndoAsync(id, "ann", force: false, None);
        Assert.Equal(UndoStatus.Drifted, refused.Status);
        Assert.Contains("/etc/a.conf: sha256 after the action 1111, now 2222", refused.Detail);
        Assert.Contains("force overrides", refused.Detail);
        Assert.True(rig.Ledger.IsActive("a.service"));

        var forced = await rig.Undo.UndoAsync(id, "ann", force: true, None);
        Assert.Equal(UndoStatus.Undone, forced.Status);
    }

    [Fact]
    public async Task Force_does_not_override_drift_of_anything_but_files()
    {
        var rig = new RollbackRig();
        var id = await rig.RunAsync(rig.Action(true, "a.service"));
        rig.Ledger.Drifts["a.service"] = new Drift("curl", "installed 2.0, the action left 1.5", FileOnly: false);

        var result = await rig.Undo.UndoAsync(id, "ann", force: true, None);

        Assert.Equal(UndoStatus.Drifted, result.Status);
        Assert.Equal("curl", Assert.Single(result.Drifts).Subject);
    }

    [Fact]
    public async Task Undo_last_n_goes_newest_first()
    {
        var rig = new RollbackRig();
        await rig.RunAsync(rig.Action(true, "a.service"));
        await rig.RunAsync(rig.Action(true, "b.service"));
        await rig.RunAsync(rig.Action(true, "c.service"));

        var results = await rig.Undo.UndoLastAsync(2, "ann", false, None);

        Assert.All(results, r => Assert.Equal(UndoStatus.Undone, r.Status));
        Assert.Equal(["c.service", "b.service"], rig.Ledger.Undone);
        Assert.True(rig.Ledger.IsActive("a.service"));
    }

    [Fact]
    public async Task Undo_waits_while_another_action_runs_on_the_same_subject()
    {
        var rig = new RollbackRig();
        var id = await rig.RunAsync(rig.Action(true, "a.service"));
        // A second action on the same subject is running: its intent is written, its outcome is not.
        var running = await rig.Journal.BeginAsync(rig.History.Entries.Single() with { Id = 0, Outcome = ActionOutcome.InProgress },
            RollbackRig.Issue(), None);

        var refused = await rig.Undo.UndoAsync(id, "ann", false, None);

        Assert.Equal(UndoStatus.InProgress, refused.Status);
        Assert.Contains($"#{running}", refused.Detail);
        Assert.True(rig.Ledger.IsActive("a.service"));
    }

    [Fact]
    public async Task Unknown_ids_are_refused()
    {
        var rig = new RollbackRig();

        Assert.Equal(UndoStatus.NotFound, (await rig.Undo.UndoAsync(42, "ann", false, None)).Status);
        Assert.Equal(UndoStatus.NotFound, (await rig.Undo.CheckAsync(42, None)).Status);
    }

    [Fact]
    public async Task A_check_says_undo_is_available_without_doing_it()
    {
        var rig = new RollbackRig();
        var id = await rig.RunAsync(rig.Action(true, "a.service"));

        var check = await rig.Undo.CheckAsync(id, None);

        Assert.Equal(UndoStatus.Available, check.Status);
        Assert.True(rig.Ledger.IsActive("a.service"));
    }
}
