using Anna.Core.Vocabulary;
using Anna.Core.Rollback;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;
using static Anna.Server.Tests.Persistence.JournalSamples;

namespace Anna.Server.Tests.Persistence;

/// <summary>The SQLite action journal: every write lands in the file, and reads give back exactly what was written.</summary>
public sealed class EfActionJournalTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static IActionJournal Journal(TempStore temp) => temp.Services.GetRequiredService<IActionJournal>();

    [Fact]
    public async Task Begin_writes_an_in_progress_row_and_an_empty_record_together()
    {
        await using var temp = await TempStore.CreateAsync();

        var id = await Journal(temp).BeginAsync(Intent("web.service", T0) with { Outcome = ActionOutcome.Success }, FailedUnit("web.service"), None);

        var record = await Journal(temp).GetAsync(id, None);
        Assert.NotNull(record);
        Assert.True(record.IsUnfinished, "whatever outcome the intent carried, it is written as in_progress");
        Assert.Equal(ActionOutcome.InProgress, record.Entry.Outcome);
        Assert.True(record.Snapshot.IsEmpty);
        Assert.Equal(UndoState.NotUndoable, record.UndoState);
        Assert.Equal(FailedUnit("web.service") with { Evidence = record.Issue.Evidence }, record.Issue);
        Assert.Equal("signal", record.Issue.Evidence["result"]);
        var listed = Assert.Single((await temp.Store.ListAsync(1, 10, None)).Items);
        Assert.Equal(id, listed.Id);
        Assert.Equal(ActionOutcome.InProgress, listed.Outcome);
    }

    [Fact]
    public async Task Warming_up_leaves_the_file_as_it_was()
    {
        await using var temp = await TempStore.CreateAsync();
        var first = await Journal(temp).BeginAsync(Intent("web.service", T0), FailedUnit("web.service"), None);

        await ((EfActionJournal)Journal(temp)).WarmUpAsync(None);

        var listed = Assert.Single((await temp.Store.ListAsync(1, 10, None)).Items);
        Assert.Equal(first, listed.Id);
        Assert.Empty(await Journal(temp).UndoableAsync(None));
        Assert.Equal(first, Assert.Single(await Journal(temp).UnfinishedAsync(None)).Id);
        // The rolled-back row did not even use up an id.
        Assert.Equal(first + 1, await Journal(temp).BeginAsync(Intent("db.service", T0), FailedUnit("db.service"), None));
    }

    [Fact]
    public async Task Steps_of_every_kind_round_trip_through_the_file()
    {
        await using var temp = await TempStore.CreateAsync();
        var id = await Journal(temp).BeginAsync(Intent("web.service", T0), FailedUnit("web.service"), None);
        var steps = EveryKind();

        await Journal(temp).RecordStepsAsync(id, steps.Take(1).ToList(), None);
        await Journal(temp).RecordStepsAsync(id, steps, None);

        // Read back by a second container on the same file, as a restarted Anna would.
        await using var restarted = await temp.RestartAsync();
        var record = await restarted.GetRequiredService<IActionJournal>().GetAsync(id, None);
        Assert.NotNull(record);
        Assert.Equal(steps.Select(s => s.GetType()), record.Snapshot.Steps.Select(s => s.GetType()));
        Assert.Equal(new RollbackSnapshot(steps).ToJson(), record.Snapshot.ToJson());
        Assert.Equal(steps[2], record.Snapshot.Steps[2]);
        var quarantined = Assert.IsType<RestoreQuarantinedStep>(record.Snapshot.Steps[5]);
        Assert.Equal(((RestoreQuarantinedStep)steps[5]).Files, quarantined.Files);
    }

    [Fact]
    public async Task Finish_writes_the_outcome_the_final_snapshot_and_the_undo_window()
    {
        await using var temp = await TempStore.CreateAsync();
        var id = await Journal(temp).BeginAsync(Intent("web.service", T0), FailedUnit("web.service"), None);
        await Journal(temp).RecordStepsAsync(id, [new StopServiceStep("web.service")], None);
        var outcome = Intent("web.service", T0) with
        {
            Id = id,
            Outcome = ActionOutcome.Success,
            Detail = "started; main pid 42",
            FinishedAt = T0.AddSeconds(2),
            DurationMs = 2000,
            ApprovedBy = "alice@local",
        };

        await Journal(temp).FinishAsync(id, outcome, new RollbackSnapshot([new StopServiceStep("web.service")]), UndoState.Undoable, T0.AddHours(1), null, None);

        var record = await Journal(temp).GetAsync(id, None);
        Assert.NotNull(record);
        Assert.False(record.IsUnfinished);
        Assert.Equal(outcome, record.Entry);
        Assert.Equal(UndoState.Undoable, record.UndoState);
        Assert.Equal(T0.AddHours(1), record.UndoableUntil);
        Assert.Null(record.UndoNote);
        Assert.Equal(new StopServiceStep("web.service"), Assert.Single(record.Snapshot.Steps));
        Assert.Equal(outcome, await temp.Store.GetAsync(id, None));
    }

    [Fact]
    public async Task Unfinished_lists_only_intents_without_an_outcome_oldest_first()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = Journal(temp);
        var first = await journal.BeginAsync(Intent("a.service", T0), FailedUnit("a.service"), None);
        var finished = await journal.BeginAsync(Intent("b.service", T0.AddSeconds(1)), FailedUnit("b.service"), None);
        var second = await journal.BeginAsync(Intent("c.service", T0.AddSeconds(2)), FailedUnit("c.service"), None);
        await journal.FinishAsync(finished, Intent("b.service", T0.AddSeconds(1)) with { Outcome = ActionOutcome.Failed, FinishedAt = T0.AddSeconds(3) },
            RollbackSnapshot.Empty, UndoState.NotUndoable, null, "nothing changed", None);
        // A plain history row (a suggestion) has no journal record and is never "unfinished".
        await temp.Store.AppendAsync(Restart(T0.AddSeconds(4), ActionOutcome.Suggested, subject: "d.service"), None);

        var unfinished = await journal.UnfinishedAsync(None);

        Assert.Equal([first, second], unfinished.Select(r => r.Id));
    }

    /// <summary>Snapshots that keep files for undo and snapshots that do not, as actions record them.</summary>
    internal static readonly (string Name, RollbackSnapshot Snapshot, bool KeepsFiles)[] Snapshots =
    [
        ("a restart", new RollbackSnapshot([new RestartServiceStep("web.service")]), false),
        ("a stop", new RollbackSnapshot([new StopServiceStep("web.service")]), false),
        ("a restore with its backup", new RollbackSnapshot([new RestoreFileStep(File("/etc/app.conf"), "/var/lib/anna/backups/1/app.conf")]), true),
        ("a restore without a backup", new RollbackSnapshot([new RestoreFileStep(File("/var/log/app.log"), null)]), false),
        ("a quarantine", new RollbackSnapshot([new StopServiceStep("web.service"),
            new RestoreQuarantinedStep([new QuarantinedFile("/var/cache/app/x", "/var/cache/.anna-quarantine/1/x", 10, 0, 0, 420, 0)])]), true),
        ("an empty quarantine", new RollbackSnapshot([new RestoreQuarantinedStep([])]), false),
        ("a removal with the package kept", new RollbackSnapshot([new ReinstallPackageStep("tree", "2.1", null, "/var/lib/anna/packages/tree.deb")]), true),
        ("a removal without it", new RollbackSnapshot([new ReinstallPackageStep("tree", "2.1", null, null)]), false),
    ];

    [Fact]
    public async Task Undoable_keeping_files_lists_the_undoable_records_whose_snapshot_keeps_files_newest_first()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = Journal(temp);
        var keeping = new List<long>();
        for (var i = 0; i < Snapshots.Length; i++)
        {
            var (_, snapshot, keepsFiles) = Snapshots[i];
            var unit = $"u{i}.service";
            var id = await journal.BeginAsync(Intent(unit, T0.AddSeconds(i)), FailedUnit(unit), None);
            await journal.FinishAsync(id, Intent(unit, T0.AddSeconds(i)) with { Outcome = ActionOutcome.Success, FinishedAt = T0.AddSeconds(i + 1) },
                snapshot, UndoState.Undoable, T0.AddHours(1), null, None);
            if (keepsFiles)
                keeping.Insert(0, id);
        }
        // Files recorded by an action still running, and by one no longer undoable, hold nothing undo could use.
        var running = await journal.BeginAsync(Intent("running.service", T0.AddMinutes(1)), FailedUnit("running.service"), None);
        await journal.RecordStepsAsync(running, Snapshots[2].Snapshot.Steps, None);
        await journal.SetUndoStateAsync(keeping[^1], UndoState.Expired, "rollback_timeout passed", None);
        keeping.RemoveAt(keeping.Count - 1);

        var listed = await journal.UndoableKeepingFilesAsync(None);

        Assert.Equal(keeping, listed.Select(r => r.Id));
        Assert.All(listed, r => Assert.True(r.Snapshot.KeepsFiles));
        Assert.Equal(Snapshots.Length - 1, (await journal.UndoableAsync(None)).Count);
    }

    [Fact]
    public async Task Recorded_steps_that_keep_files_are_known_as_such_once_the_action_is_undoable()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = Journal(temp);
        var id = await journal.BeginAsync(Intent("app.service", T0), FailedUnit("app.service"), None);
        await journal.RecordStepsAsync(id, Snapshots[4].Snapshot.Steps, None);
        // Undo failed on a record that was undoable: the state comes back without a new snapshot.
        await journal.SetUndoStateAsync(id, UndoState.Undoable, "undo #2 failed; it can be tried again", None);

        Assert.Equal([id], (await journal.UndoableKeepingFilesAsync(None)).Select(r => r.Id));
    }

    [Fact]
    public async Task Every_write_and_no_read_moves_the_version()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = Journal(temp);
        var versions = new List<long> { journal.Version };

        var id = await journal.BeginAsync(Intent("app.service", T0), FailedUnit("app.service"), None);
        versions.Add(journal.Version);
        await journal.RecordStepsAsync(id, Snapshots[2].Snapshot.Steps, None);
        versions.Add(journal.Version);
        await journal.FinishAsync(id, Intent("app.service", T0) with { Outcome = ActionOutcome.Success, FinishedAt = T0.AddSeconds(1) },
            Snapshots[2].Snapshot, UndoState.Undoable, T0.AddHours(1), null, None);
        versions.Add(journal.Version);
        await journal.SetUndoStateAsync(id, UndoState.Expired, "rollback_timeout passed", None);
        versions.Add(journal.Version);
        _ = await journal.UndoableKeepingFilesAsync(None);
        _ = await journal.UndoStatesAsync([id], None);
        _ = await journal.GetAsync(id, None);

        Assert.Equal(versions.Order().Distinct(), versions);
        Assert.Equal(versions[^1], journal.Version);
    }

    private static FileState File(string path) => new(path, true, "ab", 10, 0, 0, 420, 0);

    [Fact]
    public async Task Undoable_lists_newest_first_and_set_state_takes_a_record_out()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = Journal(temp);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var unit = $"u{i}.service";
            var id = await journal.BeginAsync(Intent(unit, T0.AddSeconds(i)), FailedUnit(unit), None);
            await journal.FinishAsync(id, Intent(unit, T0.AddSeconds(i)) with { Outcome = ActionOutcome.Success, FinishedAt = T0.AddSeconds(i + 1) },
                new RollbackSnapshot([new StopServiceStep(unit)]), UndoState.Undoable, T0.AddHours(1), null, None);
            ids.Add(id);
        }

        await journal.SetUndoStateAsync(ids[1], UndoState.Undone, "undone by #9 (alice@local)", None);

        Assert.Equal([ids[2], ids[0]], (await journal.UndoableAsync(None)).Select(r => r.Id));
        var undone = await journal.GetAsync(ids[1], None);
        Assert.Equal(UndoState.Undone, undone!.UndoState);
        Assert.Equal("undone by #9 (alice@local)", undone.UndoNote);
    }

    [Fact]
    public async Task Undo_states_of_a_page_come_in_one_read_and_leave_out_rows_without_a_record()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = Journal(temp);
        var running = await journal.BeginAsync(Intent("a.service", T0), FailedUnit("a.service"), None);
        var done = await journal.BeginAsync(Intent("b.service", T0), FailedUnit("b.service"), None);
        await journal.FinishAsync(done, Intent("b.service", T0) with { Outcome = ActionOutcome.Success }, new RollbackSnapshot([new StopServiceStep("b.service")]),
            UndoState.Undoable, T0.AddMinutes(60), null, None);
        var suggestion = await temp.Store.AppendAsync(Restart(T0, ActionOutcome.Suggested, subject: "c.service"), None);

        var states = await journal.UndoStatesAsync([running, done, suggestion, 9999], None);

        Assert.Equal(2, states.Count);
        Assert.Equal(UndoState.NotUndoable, states[running].State);
        Assert.Equal(new JournalUndoState(done, UndoState.Undoable, T0.AddMinutes(60)), states[done]);
        Assert.Equal(UndoState.Expired, states[done].At(T0.AddMinutes(61)));
        Assert.Equal(UndoState.Undoable, states[done].At(T0.AddMinutes(59)));
        Assert.Empty(await journal.UndoStatesAsync([], None));
    }

    [Fact]
    public async Task Writing_to_a_record_that_does_not_exist_fails_loudly()
    {
        await using var temp = await TempStore.CreateAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Journal(temp).RecordStepsAsync(42, [new StopServiceStep("x.service")], None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Journal(temp).SetUndoStateAsync(42, UndoState.Undone, "no", None));
        Assert.Null(await Journal(temp).GetAsync(42, None));
    }

    [Fact]
    public async Task Every_connection_of_the_store_runs_with_synchronous_full_in_wal_mode_and_a_bounded_page_cache()
    {
        await using var temp = await TempStore.CreateAsync();
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();

        // Opened synchronously and asynchronously: the interceptor has a path for each.
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Database.OpenConnection();
            Assert.Equal(2L, Pragma(db, "synchronous")); // 2 = FULL
            Assert.Equal("wal", Pragma(db, "journal_mode"));
            // Each pooled connection's page cache is bounded (KiB when negative): it is resident memory.
            Assert.Equal(-512L, Pragma(db, "cache_size"));
        }
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            Assert.Equal(2L, Pragma(db, "synchronous"));
            Assert.Equal(-512L, Pragma(db, "cache_size"));
        }
        // A connection EF opens by itself for a query, after the pool has handed connections out before.
        await Journal(temp).BeginAsync(Intent("web.service", T0), FailedUnit("web.service"), None);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(2L, await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync());
        }
    }

    private static object? Pragma(AnnaDbContext db, string name)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return command.ExecuteScalar();
    }
}
