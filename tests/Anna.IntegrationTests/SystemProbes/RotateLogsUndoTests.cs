using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Processes;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.IntegrationTests.Rollback;
using Anna.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>
/// Undoing log rotations on real files, through the journal and the undo service as the API does:
/// the log's content comes back into the same inode with owner, mode and mtime, the copies the
/// rotation created go, the ones it shifted come back; a log written to since is drift.
/// </summary>
public sealed class RotateLogsUndoTests : IDisposable
{
    private const uint Nobody = 65534;
    private const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private static readonly DateTime Modified = new(2026, 11, 1, 12, 30, 15, 250, DateTimeKind.Utc);

    private readonly LogTree _tree = new();
    private readonly TestHealingConfig _config;
    private readonly RotateLogsAction _action;
    private readonly RollbackRig _rig;

    public RotateLogsUndoTests()
    {
        _config = TestHealingConfig.WithLogs(new LogProbeOptions { Paths = [_tree.Root], MaxFileMegabytes = 1 });
        _action = new RotateLogsAction(_config, TimeProvider.System);
        _rig = new RollbackRig(storage => [new FileStepUndoer(storage)], config: _config);
    }

    public void Dispose()
    {
        _rig.Dispose();
        _tree.Dispose();
    }

    [Fact]
    public async Task Undo_writes_the_log_back_into_its_inode_with_owner_mode_and_mtime_and_removes_the_copy()
    {
        var log = OwnedLog("app.log", 3 << 20);
        var original = UnixStat.TryGet(log)!;
        var content = LogTree.Hash(log);
        using var writer = LibcForTests.OpenForAppend(log);

        var id = await RotateAsync();
        Assert.Equal(0, new FileInfo(log).Length);
        Assert.True(File.Exists(log + ".1.gz"));
        var record = (await _rig.Journal.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(UndoState.Undoable, record.UndoState);
        var steps = record.Snapshot.Steps.Cast<RestoreFileStep>().ToList();
        Assert.Equal([$"remove {log}.1.gz (the action created it)", $"restore {log} from its backup in place"], steps.Select(s => s.Describe()));
        Assert.Equal((ContentHash.Empty, true, true), (steps[1].AfterSha256, steps[1].InPlace, steps[1].BackupCompressed));
        // Compressed at the fastest level: about a quarter of this log, where the rotated copy is about a fifth.
        Assert.True(new FileInfo(steps[1].BackupPath!).Length < original.Size / 3, $"the log's backup is kept compressed: {new FileInfo(steps[1].BackupPath!).Length} of {original.Size}");

        var result = await _rig.Undo.UndoAsync(id, "tester", force: false, CancellationToken.None);

        Assert.Equal(UndoStatus.Undone, result.Status);
        Assert.Equal(content, LogTree.Hash(log));
        Assert.False(File.Exists(log + ".1.gz"));
        var restored = UnixStat.TryGet(log)!;
        Assert.True(restored.SameFileAs(original), "the log must be written back into the same inode");
        Assert.Equal((Nobody, Nobody, Mode0640, Modified), (restored.Uid, restored.Gid, restored.Mode, restored.ModifiedAt.UtcDateTime));
        writer.Write("after undo\n"u8);
        Assert.EndsWith("after undo\n", File.ReadAllText(log), StringComparison.Ordinal);
        Assert.Equal([log], Directory.GetFiles(_tree.Root));
    }

    [Fact]
    public async Task Undo_brings_the_shifted_copies_back_and_removes_the_one_created()
    {
        var log = OwnedLog("app.log", 2 << 20);
        await File.AppendAllTextAsync(log, "generation 1\n");
        await RotateAsync();
        _tree.Write("app.log", 2 << 20);
        await File.AppendAllTextAsync(log, "generation 2\n");
        await RotateAsync();
        _tree.Write("app.log", 2 << 20);
        var before = new[] { log, log + ".1.gz", log + ".2.gz" }.ToDictionary(p => p, p => (LogTree.Hash(p), Stat(p)));

        var id = await RotateAsync();
        Assert.True(File.Exists(log + ".3.gz"));
        var result = await _rig.Undo.UndoAsync(id, "tester", force: false, CancellationToken.None);

        Assert.Equal(UndoStatus.Undone, result.Status);
        Assert.Equal(4, result.Steps.Count);
        Assert.All(result.Steps, s => Assert.True(s.Succeeded, s.ToString()));
        Assert.All(result.Steps, s => Assert.DoesNotContain("already", s.Detail, StringComparison.Ordinal));
        Assert.False(File.Exists(log + ".3.gz"));
        foreach (var (path, (hash, stat)) in before)
        {
            Assert.Equal(hash, LogTree.Hash(path));
            var now = UnixStat.TryGet(path)!;
            // The journal keeps modification times to the millisecond.
            Assert.Equal((path, stat.Uid, stat.Gid, stat.Mode, stat.ModifiedAt.ToUnixTimeMilliseconds()),
                (path, now.Uid, now.Gid, now.Mode, now.ModifiedAt.ToUnixTimeMilliseconds()));
        }
        Assert.Empty(Directory.GetFiles(_tree.Root, ".*"));
    }

    [Fact]
    public async Task A_log_written_to_since_is_drift_naming_both_hashes_and_force_keeps_what_was_written()
    {
        var log = OwnedLog("app.log", 2 << 20);
        var content = await File.ReadAllTextAsync(log);
        var id = await RotateAsync();
        await File.AppendAllTextAsync(log, "written after the rotation\n");
        var now = LogTree.Hash(log).ToLowerInvariant();

        var refused = await _rig.Undo.UndoAsync(id, "tester", force: false, CancellationToken.None);

        Assert.Equal(UndoStatus.Drifted, refused.Status);
        var drift = Assert.Single(refused.Drifts);
        Assert.Equal(log, drift.Subject);
        Assert.Equal($"changed since the action: sha256 after the action {ContentHash.Empty[..12]}, now {now[..12]}", drift.Reason);
        Assert.Contains("(force overrides drift of files)", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(now, LogTree.Hash(log).ToLowerInvariant());
        Assert.True(File.Exists(log + ".1.gz"));

        var forced = await _rig.Undo.UndoAsync(id, "tester", force: true, CancellationToken.None);

        Assert.Equal(UndoStatus.Undone, forced.Status);
        Assert.Equal(content + "written after the rotation\n", await File.ReadAllTextAsync(log));
        Assert.False(File.Exists(log + ".1.gz"));
    }

    [Fact]
    public async Task Expiring_the_action_purges_its_backups()
    {
        OwnedLog("app.log", 2 << 20);
        _tree.Write("other.log", 2 << 20);
        var id = await RotateAsync();
        var record = (await _rig.Journal.GetAsync(id, CancellationToken.None))!;
        var backups = record.Snapshot.Steps.OfType<RestoreFileStep>().Select(s => s.BackupPath).OfType<string>().ToList();
        Assert.Equal(2, backups.Count);
        Assert.All(backups, b => Assert.True(File.Exists(b)));

        await new RollbackExecutor([new FileStepUndoer(_rig.Storage)]).ReleaseAsync(record.Snapshot, CancellationToken.None);

        Assert.All(backups, b => Assert.False(File.Exists(b)));
        Assert.False(Directory.Exists(_rig.Storage.BackupDirectory(id)));
    }

    [Fact]
    public async Task A_crash_after_the_log_was_emptied_is_rolled_back_at_start_up_into_the_same_inode()
    {
        var log = OwnedLog("app.log", 2 << 20);
        var content = LogTree.Hash(log);
        var original = UnixStat.TryGet(log)!;
        var crashing = _rig.ExecutorWith(new HaltingFaults(FaultPoint.HalfDone));

        await Assert.ThrowsAsync<ExecutorHaltedException>(() => RotateAsync(crashing));

        // What the crash left: the log emptied, its compressed copy not in place.
        var cut = Assert.Single(await _rig.Journal.UnfinishedAsync(CancellationToken.None));
        Assert.Equal(2, cut.Snapshot.Steps.Count);
        Assert.Equal(0, new FileInfo(log).Length);
        Assert.False(File.Exists(log + ".1.gz"));

        var recovery = _rig.Recovery;
        var recovered = Assert.Single(await recovery.RecoverAsync(CancellationToken.None));

        Assert.Equal((cut.Id, ActionOutcome.RolledBack), (recovered.Id, recovered.Outcome));
        Assert.Contains($"{log}.1.gz is already gone", recovered.Detail, StringComparison.Ordinal);
        Assert.Equal(content, LogTree.Hash(log));
        var restored = UnixStat.TryGet(log)!;
        Assert.True(restored.SameFileAs(original));
        Assert.Equal((Nobody, Nobody, Mode0640, Modified), (restored.Uid, restored.Gid, restored.Mode, restored.ModifiedAt.UtcDateTime));
        Assert.False(File.Exists(log + ".1.gz"));
    }

    [Fact]
    public async Task A_crash_before_the_log_was_emptied_finds_nothing_to_put_back()
    {
        var log = OwnedLog("app.log", 2 << 20);
        var content = LogTree.Hash(log);
        // The second step recorded is the log's own, just before it is emptied.
        var crashing = _rig.ExecutorWith(new HaltingFaults(FaultPoint.StepRecorded, occurrence: 2));

        await Assert.ThrowsAsync<ExecutorHaltedException>(() => RotateAsync(crashing));
        Assert.Equal(content, LogTree.Hash(log));

        var recovery = _rig.Recovery;
        var recovered = Assert.Single(await recovery.RecoverAsync(CancellationToken.None));

        Assert.Equal(ActionOutcome.RolledBack, recovered.Outcome);
        Assert.Contains("still begins with its content from before", recovered.Detail, StringComparison.Ordinal);
        Assert.Equal(content, LogTree.Hash(log));
        Assert.Equal([log], Directory.GetFiles(_tree.Root));
    }

    [Fact]
    public async Task A_critical_data_disk_purges_rotation_backups_early_and_the_rotation_is_no_longer_undoable()
    {
        // Anna's data directory on a filesystem of its own, with room for the backup (and the margin a
        // rotation keeps), which then fills up.
        using var data = await TmpfsMount.CreateAsync("size=32m");
        using var rig = new RollbackRig(storage => [new FileStepUndoer(storage)], config: _config, dataDirectory: Path.Combine(data.Path, "anna"));
        var log = OwnedLog("app.log", 3 << 20);
        var id = await RotateAsync(rig.Executor);
        var backup = Assert.Single((await rig.RecordAsync(id)).Snapshot.Steps.Cast<RestoreFileStep>(), s => s.BackupPath is not null).BackupPath!;
        Assert.StartsWith(data.Path + "/", backup, StringComparison.Ordinal);

        var pending = Assert.Single(await rig.Usage.MeasureAsync(CancellationToken.None));
        Assert.Equal((data.Path, 1, Stat(backup).AllocatedBytes), (pending.MountPoint, pending.Files, pending.Bytes));
        Assert.Equal([id], pending.Actions);
        Assert.Empty(await rig.CriticalDisks.PurgeAsync(CancellationToken.None));
        Assert.Equal(UndoState.Undoable, (await rig.RecordAsync(id)).UndoState);

        var disk = new DriveInfo(data.Path);
        data.Fill("filler", disk.TotalSize * 97 / 100 - (disk.TotalSize - disk.AvailableFreeSpace));
        var purged = await rig.CriticalDisks.PurgeAsync(CancellationToken.None);

        Assert.Equal([id], purged);
        Assert.False(File.Exists(backup));
        var record = await rig.RecordAsync(id);
        Assert.Equal(UndoState.Expired, record.UndoState);
        Assert.StartsWith($"{CriticalDiskPurge.Reason}: {data.Path} is ", record.UndoNote);
        Assert.Equal(UndoStatus.Expired, (await rig.Undo.CheckAsync(id, CancellationToken.None)).Status);
        Assert.Empty(await rig.Usage.MeasureAsync(CancellationToken.None));
        Assert.Equal(0, new FileInfo(log).Length); // the rotation itself stands; only its undo is gone
    }

    private Task<long> RotateAsync() => RotateAsync(_rig.Executor);

    private async Task<long> RotateAsync(ActionExecutor executor)
    {
        var probe = new LogsProbe(_config, new JournalControl(new ProcessRunner()), TimeProvider.System);
        var issue = Assert.Single(await probe.ScanAsync(CancellationToken.None), i => i.Subject == _tree.Root);
        var intent = new HistoryEntry
        {
            IssueKind = issue.Kind,
            Subject = issue.Subject,
            Action = _action.Name,
            Category = _action.Category,
            Risk = _action.Risk,
            Policy = HealingPolicy.Supervised,
            Decision = DecisionKind.Execute,
            Consent = ConsentLevel.Explicit,
            Reason = "asked by the test",
            Outcome = ActionOutcome.InProgress,
            StartedAt = DateTimeOffset.UtcNow,
        };
        var (entry, result) = await executor.ExecuteAsync(issue, _action, intent);
        Assert.True(result.Succeeded, result.Detail);
        return entry.Id;
    }

    /// <summary>A log owned by nobody:nogroup, 0640, with a fixed mtime.</summary>
    private string OwnedLog(string name, long bytes)
    {
        var path = _tree.Write(name, bytes);
        LibcForTests.Change(path, Nobody, Nobody);
        File.SetUnixFileMode(path, Mode0640);
        File.SetLastWriteTimeUtc(path, Modified);
        return path;
    }

    private static UnixStat Stat(string path) => UnixStat.TryGet(path)!;
}
