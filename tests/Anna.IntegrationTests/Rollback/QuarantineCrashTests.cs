using Anna.Core.Vocabulary;
using Anna.Core.Engine;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Testing;

namespace Anna.IntegrationTests.Rollback;

/// <summary>
/// Crashes of a quarantining action, played in-process: the fault injector stops the executor
/// where a crash would, and start-up recovery then finds the files where the crash left them.
/// </summary>
public sealed class QuarantineCrashTests : IDisposable
{
    private readonly FileTree _tree = FileTree.Create(Path.GetTempPath(), count: 10);
    private readonly List<RollbackRig> _rigs = [];
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose()
    {
        _tree.Dispose();
        foreach (var rig in _rigs)
            rig.Dispose();
    }

    private RollbackRig Rig(IFaultInjector faults)
    {
        var rig = new RollbackRig(_ => [new QuarantineStepUndoer()], faults);
        _rigs.Add(rig);
        return rig;
    }

    [Fact]
    public async Task A_crash_half_way_is_rolled_back_at_start_up_and_every_file_is_back()
    {
        var before = _tree.Facts();
        var rig = Rig(new HaltingFaults(FaultPoint.HalfDone));
        var action = new QuarantineFilesAction(rig.Storage, _tree.Files);

        await Assert.ThrowsAsync<ExecutorHaltedException>(() => rig.ExecuteAsync(action, QuarantineFilesAction.IssueFor(_tree.Root)));

        // What the crash left: the whole list journaled, half of the files moved.
        var cut = Assert.Single(await rig.Journal.UnfinishedAsync(_ct));
        var step = Assert.IsType<RestoreQuarantinedStep>(Assert.Single(cut.Snapshot.Steps));
        Assert.Equal(_tree.Files, step.Files.Select(f => f.OriginalPath));
        Assert.Equal(5, step.Files.Count(f => File.Exists(f.QuarantinePath) && !File.Exists(f.OriginalPath)));
        Assert.Equal(5, step.Files.Count(f => File.Exists(f.OriginalPath) && !File.Exists(f.QuarantinePath)));

        var recovered = Assert.Single(await rig.Recovery.RecoverAsync(_ct));

        Assert.Equal((cut.Id, ActionOutcome.RolledBack), (recovered.Id, recovered.Outcome));
        Assert.Contains("moved 5 file(s)", recovered.Detail);
        Assert.Contains("5 were already at their place", recovered.Detail);
        FileTree.AssertSame(before);
        var record = await rig.RecordAsync(cut.Id);
        Assert.Equal(ActionOutcome.RolledBack, record.Entry.Outcome);
        Assert.Equal(UndoState.NotUndoable, record.UndoState);
        Assert.False(Directory.Exists(Path.Combine(rig.Storage.QuarantineDirectory, cut.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Empty(await rig.Journal.UnfinishedAsync(_ct));
    }

    [Fact]
    public async Task A_crash_after_every_file_moved_is_recorded_as_success_at_start_up_and_stays_undoable()
    {
        var before = _tree.Facts();
        var rig = Rig(new HaltingFaults(FaultPoint.Acted));

        await Assert.ThrowsAsync<ExecutorHaltedException>(() =>
            rig.ExecuteAsync(new QuarantineFilesAction(rig.Storage, _tree.Files), QuarantineFilesAction.IssueFor(_tree.Root)));
        Assert.All(_tree.Files, f => Assert.False(File.Exists(f)));

        var recovered = Assert.Single(await rig.Recovery.RecoverAsync(_ct));

        Assert.Equal(ActionOutcome.Success, recovered.Outcome);
        Assert.Contains("every change was found in place", recovered.Detail);
        Assert.All(_tree.Files, f => Assert.False(File.Exists(f)));
        var record = await rig.RecordAsync(recovered.Id);
        Assert.Equal(UndoState.Undoable, record.UndoState);

        var undo = await rig.Undo.UndoAsync(recovered.Id, "test", force: false, _ct);
        Assert.Equal(UndoStatus.Undone, undo.Status);
        FileTree.AssertSame(before);
    }

    [Fact]
    public async Task A_dry_run_journals_nothing_and_changes_no_file()
    {
        var before = _tree.Facts();
        var storage = new RollbackStorage(Path.Combine(Path.GetTempPath(), $"anna-dry-{Guid.NewGuid():N}"));
        var action = new QuarantineFilesAction(storage, _tree.Files);
        var rig = new EngineRig(new TestHealingConfig(new HealingOptions { Policy = HealingPolicy.Guided }), [action],
            TimeProvider.System, [new QuarantineStepUndoer()]);
        await rig.Engine.ObserveAsync(QuarantineFilesAction.IssueFor(_tree.Root), _ct);

        var plan = await rig.Requests.HealAsync(null, dryRun: true, "test", _ct);

        var item = Assert.Single(plan.Items);
        Assert.True(plan.DryRun);
        Assert.Equal("would run", item.Result);
        Assert.Equal(Anna.Core.Engine.PlanOutcome.WouldRun, item.Outcome);
        Assert.Contains($"would move {_tree.Files.Count} file(s)", item.WouldChange);
        Assert.Contains(_tree.Files[3], item.WouldChange);
        Assert.Empty(await rig.Journal.UnfinishedAsync(_ct));
        Assert.Empty(await rig.Journal.UndoableAsync(_ct));
        Assert.DoesNotContain(rig.History.Entries, e => e.Action == action.Name && e.Outcome is ActionOutcome.InProgress or ActionOutcome.Success);
        FileTree.AssertSame(before);
        Assert.False(Directory.Exists(storage.DataDirectory));
        Assert.False(Directory.Exists(rig.Storage.DataDirectory));
    }
}
