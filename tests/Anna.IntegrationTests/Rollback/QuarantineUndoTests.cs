using Anna.Core.Vocabulary;
using Anna.Testing;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Rollback;
using Anna.IntegrationTests.SystemProbes;

namespace Anna.IntegrationTests.Rollback;

/// <summary>
/// Quarantine and undo on real files: the data directory's filesystem (/ here, as /var/lib/anna)
/// and a real tmpfs standing for another filesystem.
/// </summary>
public sealed class QuarantineUndoTests : IDisposable
{
    private readonly RollbackRig _rig = new RollbackRig(_ => [new QuarantineStepUndoer()]);
    private readonly FileTree _tree = FileTree.Create(Path.GetTempPath());
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose()
    {
        _tree.Dispose();
        _rig.Dispose();
    }

    [Fact]
    public async Task Quarantined_files_are_renamed_into_the_data_directory_and_undo_restores_the_exact_tree()
    {
        var before = _tree.Facts();
        var inodes = _tree.Files.ToDictionary(f => f, f => UnixStat.TryGet(f)!.Inode);

        var (entry, result) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, _tree.Files), QuarantineFilesAction.IssueFor(_tree.Root));

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains($"moved {_tree.Files.Count} file(s)", result.Detail);
        Assert.Contains(", 0 copied", result.Detail);
        Assert.Equal(ActionOutcome.Success, entry.Outcome);
        var record = await _rig.RecordAsync(entry.Id);
        Assert.Equal(UndoState.Undoable, record.UndoState);
        var step = Assert.IsType<RestoreQuarantinedStep>(Assert.Single(record.Snapshot.Steps));
        Assert.Equal(_tree.Files, step.Files.Select(f => f.OriginalPath));
        var journalDirectory = Path.Combine(_rig.Storage.QuarantineDirectory, entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var file in step.Files)
        {
            Assert.False(File.Exists(file.OriginalPath));
            Assert.Equal(journalDirectory + file.OriginalPath, file.QuarantinePath);
            var kept = UnixStat.TryGet(file.QuarantinePath)!;
            // A rename: the very same inode, no byte copied.
            Assert.Equal(inodes[file.OriginalPath], kept.Inode);
            Assert.Equal((before[file.OriginalPath].Uid, before[file.OriginalPath].Gid, (int)before[file.OriginalPath].Mode),
                ((uint)file.Uid, (uint)file.Gid, file.Mode));
        }
        // Root-only, every level: the quarantine holds other users' files.
        foreach (var directory in new[] { _rig.Storage.QuarantineDirectory, journalDirectory, journalDirectory + _tree.Root })
            Assert.Equal((UnixFileType.Directory, 0u, (UnixFileMode)0b111_000_000), Directory(directory));

        var undo = await _rig.Undo.UndoAsync(entry.Id, "test", force: false, _ct);

        Assert.Equal(UndoStatus.Undone, undo.Status);
        Assert.Contains($"moved {_tree.Files.Count} file(s)", undo.Detail);
        FileTree.AssertSame(before);
        Assert.Equal(inodes, _tree.Files.ToDictionary(f => f, f => UnixStat.TryGet(f)!.Inode));
        Assert.False(System.IO.Directory.Exists(journalDirectory));
        Assert.Equal(UndoState.Undone, (await _rig.RecordAsync(entry.Id)).UndoState);
    }

    [Fact]
    public async Task Files_on_another_filesystem_are_quarantined_at_its_root_and_come_back()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=16m,mode=1777");
        using var tree = FileTree.Create(tmpfs.Path, count: 8);
        var before = tree.Facts();
        var inodes = tree.Files.ToDictionary(f => f, f => UnixStat.TryGet(f)!.Inode);

        var (entry, result) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, tree.Files), QuarantineFilesAction.IssueFor(tree.Root));

        Assert.True(result.Succeeded, result.Detail);
        var foreign = Path.Combine(tmpfs.Path, RollbackStorage.ForeignQuarantineName);
        Assert.Equal((UnixFileType.Directory, 0u, (UnixFileMode)0b111_000_000), Directory(foreign));
        var step = Assert.IsType<RestoreQuarantinedStep>(Assert.Single((await _rig.RecordAsync(entry.Id)).Snapshot.Steps));
        Assert.All(step.Files, f =>
        {
            Assert.Equal($"{foreign}/{entry.Id}{f.OriginalPath}", f.QuarantinePath);
            Assert.Equal(inodes[f.OriginalPath], UnixStat.TryGet(f.QuarantinePath)!.Inode);
        });
        Assert.False(System.IO.Directory.Exists(_rig.Storage.QuarantineDirectory));

        // The bytes are still used on the tmpfs: they show as pending purge there.
        var pending = Assert.Single(await _rig.Usage.MeasureAsync(_ct));
        Assert.Equal(tmpfs.Path, pending.MountPoint);
        Assert.Equal([entry.Id], pending.Actions);
        Assert.Equal(tree.Files.Count, pending.Files);
        Assert.Equal(step.Files.Sum(f => UnixStat.TryGet(f.QuarantinePath)!.AllocatedBytes), pending.Bytes);
        Assert.True(pending.Bytes >= step.TotalBytes);

        var undo = await _rig.Undo.UndoAsync(entry.Id, "test", force: false, _ct);

        Assert.Equal(UndoStatus.Undone, undo.Status);
        FileTree.AssertSame(before);
        Assert.False(System.IO.Directory.Exists(foreign));
        Assert.Empty(await _rig.Usage.MeasureAsync(_ct));
    }

    [Fact]
    public async Task Expiry_purges_the_quarantined_files_and_leaves_no_directory_behind()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=16m");
        using var other = FileTree.Create(tmpfs.Path, count: 3);
        var files = _tree.Files.Concat(other.Files).ToList();
        var (entry, result) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, files), QuarantineFilesAction.IssueFor("two filesystems"));
        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(2, (await _rig.Usage.MeasureAsync(_ct)).Count);

        await _rig.Retention.ExpireAsync(await _rig.RecordAsync(entry.Id), "test expiry", _ct);

        Assert.All(files, f => Assert.False(File.Exists(f)));
        Assert.Empty(await _rig.Usage.MeasureAsync(_ct));
        Assert.False(System.IO.Directory.Exists(Path.Combine(tmpfs.Path, RollbackStorage.ForeignQuarantineName)));
        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(_rig.Storage.QuarantineDirectory));
        var refused = await _rig.Undo.UndoAsync(entry.Id, "test", force: true, _ct);
        Assert.Equal(UndoStatus.Expired, refused.Status);
    }

    [Fact]
    public async Task A_file_back_at_its_place_is_drift_that_names_it_and_force_keeps_it_aside()
    {
        var before = _tree.Facts();
        var (entry, _) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, _tree.Files), QuarantineFilesAction.IssueFor(_tree.Root));
        var reappeared = _tree.Files[4];
        await File.WriteAllTextAsync(reappeared, "a newer file by the same name", _ct);

        var check = await _rig.Undo.CheckAsync(entry.Id, _ct);
        var refused = await _rig.Undo.UndoAsync(entry.Id, "test", force: false, _ct);

        foreach (var answer in new[] { check, refused })
        {
            Assert.Equal(UndoStatus.Drifted, answer.Status);
            var drift = Assert.Single(answer.Drifts);
            Assert.Equal(reappeared, drift.Subject);
            Assert.True(drift.FileOnly);
            Assert.Contains("29 bytes", drift.Reason);
            Assert.Contains($"{before[reappeared].Size} bytes", drift.Reason);
            Assert.Contains("force overrides", answer.Detail);
        }
        // Refused means untouched: everything else is still in quarantine.
        Assert.All(_tree.Files.Where(f => f != reappeared), f => Assert.False(File.Exists(f)));
        Assert.Equal("a newer file by the same name", await File.ReadAllTextAsync(reappeared, _ct));

        var forced = await _rig.Undo.UndoAsync(entry.Id, "test", force: true, _ct);

        Assert.Equal(UndoStatus.Undone, forced.Status);
        FileTree.AssertSame(before);
        Assert.Equal("a newer file by the same name", await File.ReadAllTextAsync(reappeared + QuarantineStepUndoer.ReplacedSuffix, _ct));
        Assert.Contains($"{reappeared} (29 bytes", forced.Detail);
        Assert.Contains(reappeared + QuarantineStepUndoer.ReplacedSuffix, forced.Detail);
    }

    [Fact]
    public async Task A_quarantined_file_that_went_missing_or_changed_is_drift_too()
    {
        var (entry, _) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, _tree.Files), QuarantineFilesAction.IssueFor(_tree.Root));
        var step = (RestoreQuarantinedStep)(await _rig.RecordAsync(entry.Id)).Snapshot.Steps[0];
        File.Delete(step.Files[0].QuarantinePath);
        await File.AppendAllTextAsync(step.Files[1].QuarantinePath, "changed", _ct);

        var check = await _rig.Undo.CheckAsync(entry.Id, _ct);

        Assert.Equal(UndoStatus.Drifted, check.Status);
        Assert.Equal([step.Files[0].OriginalPath, step.Files[1].QuarantinePath], check.Drifts.Select(d => d.Subject));
        Assert.Contains("is missing", check.Drifts[0].Reason);
        Assert.Contains("changed", check.Drifts[1].Reason);

        // Forced, the rest comes back; the missing file is reported, not invented.
        var forced = await _rig.Undo.UndoAsync(entry.Id, "test", force: true, _ct);
        Assert.Equal(UndoStatus.Failed, forced.Status);
        Assert.Contains($"{step.Files[0].OriginalPath}: its quarantined copy", forced.Detail);
        Assert.All(step.Files.Skip(1), f => Assert.True(File.Exists(f.OriginalPath)));
    }

    [Fact]
    public async Task Undo_gives_back_the_recorded_owner_mode_and_mtime_even_when_they_changed_in_quarantine()
    {
        var before = _tree.Facts();
        var (entry, _) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, _tree.Files), QuarantineFilesAction.IssueFor(_tree.Root));
        var step = (RestoreQuarantinedStep)(await _rig.RecordAsync(entry.Id)).Snapshot.Steps[0];
        var owner = step.Files[1].QuarantinePath;
        LibcForTests.Change(owner, 0, 0);
        File.SetUnixFileMode(owner, (UnixFileMode)0b111_111_111);
        var touched = step.Files[2].QuarantinePath;
        File.SetLastWriteTimeUtc(touched, DateTime.UtcNow);

        // Same size, another mtime: the file may have changed, so undo asks for force.
        var refused = await _rig.Undo.UndoAsync(entry.Id, "test", force: false, _ct);
        Assert.Equal(UndoStatus.Drifted, refused.Status);
        Assert.Equal(touched, Assert.Single(refused.Drifts).Subject);

        var forced = await _rig.Undo.UndoAsync(entry.Id, "test", force: true, _ct);

        Assert.Equal(UndoStatus.Undone, forced.Status);
        var expected = before.ToDictionary(b => b.Key, b => b.Key == step.Files[2].OriginalPath
            // The record keeps milliseconds: what a changed mtime can be given back to.
            ? b.Value with { ModifiedAt = DateTimeOffset.FromUnixTimeMilliseconds(b.Value.ModifiedAt.ToUnixTimeMilliseconds()) }
            : b.Value);
        FileTree.AssertSame(expected);
    }

    [Fact]
    public async Task A_quarantine_directory_someone_else_made_is_never_used()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=8m,mode=1777");
        using var tree = FileTree.Create(tmpfs.Path, count: 2);
        var before = tree.Facts();
        var elsewhere = System.IO.Directory.CreateDirectory(Path.Combine(tmpfs.Path, "elsewhere")).FullName;
        var foreign = Path.Combine(tmpfs.Path, RollbackStorage.ForeignQuarantineName);

        // A link planted where the quarantine goes (on a world-writable filesystem anyone can).
        File.CreateSymbolicLink(foreign, elsewhere);
        var (linked, linkedResult) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, tree.Files), QuarantineFilesAction.IssueFor(tree.Root));
        Assert.False(linkedResult.Succeeded);
        Assert.Contains("symbolic link", linkedResult.Detail);
        Assert.Equal(UndoState.NotUndoable, (await _rig.RecordAsync(linked.Id)).UndoState);
        File.Delete(foreign);

        // A directory of another user's.
        System.IO.Directory.CreateDirectory(foreign);
        LibcForTests.Change(foreign, 65534, 65534);
        var (_, ownedResult) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, tree.Files), QuarantineFilesAction.IssueFor(tree.Root));
        Assert.False(ownedResult.Succeeded);
        Assert.Contains("belongs to uid 65534", ownedResult.Detail);

        FileTree.AssertSame(before);
        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(elsewhere));
        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(foreign));
    }

    [Fact]
    public async Task Only_plain_paths_to_regular_files_are_quarantined()
    {
        var link = Path.Combine(_tree.Root, "link");
        File.CreateSymbolicLink(link, _tree.Files[0]);
        var directory = System.IO.Directory.CreateDirectory(Path.Combine(_tree.Root, "dir")).FullName;
        string[] paths = [link, directory, _tree.Root + "/d1/../file0.bin", "relative/file", Path.Combine(_tree.Root, "missing"), _tree.Files[0], _tree.Files[0],
            Path.Combine(_rig.DataDirectory, "anna.db")];

        var plan = Quarantine.Plan(_rig.Storage, 7, paths);

        Assert.Equal([_tree.Files[0]], plan.Files.Select(f => f.OriginalPath));
        Assert.Equal(
        [
            (link, "it is a symbolic link; only regular files are quarantined"),
            (directory, "it is not a regular file"),
            (paths[2], $"\"{paths[2]}\" contains \"..\""),
            ("relative/file", "\"relative/file\" is not absolute; write it starting with /"),
            (paths[4], "it does not exist (any more)"),
            (_tree.Files[0], "listed twice"),
            (paths[7], $"it is inside Anna's data directory {_rig.DataDirectory}"),
        ], plan.Refused.Select(r => (r.Path, r.Reason)));
        // A plan is a dry run: nothing made, nothing moved.
        Assert.False(System.IO.Directory.Exists(_rig.Storage.QuarantineDirectory));
        Assert.True(File.Exists(_tree.Files[0]));
    }

    private static (UnixFileType, uint, UnixFileMode) Directory(string path)
    {
        var stat = UnixStat.TryGet(path)!;
        return (stat.Type, stat.Uid, stat.Mode);
    }
}
