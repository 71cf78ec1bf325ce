using System.Security.Cryptography;
using System.Text;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Rollback;
using Anna.IntegrationTests.SystemProbes;
using Anna.Testing;

namespace Anna.IntegrationTests.Rollback;

/// <summary>Backing up and restoring real files with real owners (uid 65534), modes and times.</summary>
public sealed class FileBackupTests : IDisposable
{
    private const uint Nobody = 65534;
    private const UnixFileMode ReadWriteRead = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private static readonly DateTime Modified = new(2026, 10, 3, 4, 5, 6, 789, DateTimeKind.Utc);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("anna-backup-");
    private readonly ActionScope _scope = DetachedScope.Create(journalId: 42);
    private readonly FileStepUndoer _undoer;

    public FileBackupTests() => _undoer = new FileStepUndoer(_scope.Storage);

    public void Dispose()
    {
        DetachedScope.Delete(_scope);
        _dir.Delete(recursive: true);
    }

    [Theory]
    [InlineData(BackupMethod.Copy)]
    [InlineData(BackupMethod.Compress)]
    [InlineData(BackupMethod.Link)]
    public async Task A_rewritten_file_comes_back_with_its_content_owner_mode_and_mtime(BackupMethod method)
    {
        var path = Owned("app.conf", "setting = 1\n# the user's own notes\n");
        var before = UnixStat.TryGet(path)!;
        var hash = Sha(path);

        var step = await FileBackups.BackUpAsync(_scope, path, method, CancellationToken.None);
        Assert.Equal(new FileState(path, true, hash, before.Size, (int)Nobody, (int)Nobody, (int)ReadWriteRead, Ms(Modified)), step.Before);
        Assert.Equal(method == BackupMethod.Compress, step.BackupCompressed);
        Assert.Equal(step, Assert.Single(_scope.Snapshot.Steps));
        var directory = UnixStat.TryGet(_scope.Storage.BackupDirectory(42))!;
        Assert.Equal((0u, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), (directory.Uid, directory.Mode));
        Assert.StartsWith(_scope.Storage.BackupDirectory(42) + "/0000-app.conf", step.BackupPath, StringComparison.Ordinal);

        ReplaceAsRoot(path, "setting = 2\n");
        var sealedStep = (RestoreFileStep)FileBackups.Seal(_scope, step);
        Assert.Equal(Sha(path), sealedStep.AfterSha256);
        Assert.Equal(sealedStep, Assert.Single(_scope.Snapshot.Steps));
        Assert.True(await _undoer.IsAppliedAsync(sealedStep, CancellationToken.None));
        Assert.Empty(await _undoer.DriftAsync(sealedStep, CancellationToken.None));

        var outcome = await _undoer.UndoAsync(sealedStep, force: false, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.Equal(hash, Sha(path));
        var restored = UnixStat.TryGet(path)!;
        Assert.Equal((Nobody, Nobody, ReadWriteRead, Modified), (restored.Uid, restored.Gid, restored.Mode, restored.ModifiedAt.UtcDateTime));
        Assert.False(await _undoer.IsAppliedAsync(sealedStep, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_dir.FullName, ".*"));

        var again = await _undoer.UndoAsync(sealedStep, force: false, CancellationToken.None);
        Assert.True(again.Succeeded, again.Detail);
        Assert.Contains("already has its content from before", again.Detail, StringComparison.Ordinal);

        await _undoer.ReleaseAsync(sealedStep, CancellationToken.None);
        Assert.False(File.Exists(sealedStep.BackupPath));
        Assert.False(Directory.Exists(_scope.Storage.BackupDirectory(42)));
    }

    [Fact]
    public async Task A_file_with_its_old_content_gets_its_owner_mode_and_mtime_back()
    {
        var path = Owned("app.conf", "same\n");
        var step = await FileBackups.BackUpAsync(_scope, path, BackupMethod.Copy, CancellationToken.None);
        LibcForTests.Change(path, 0, 0);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        var inode = UnixStat.TryGet(path)!;

        var outcome = await _undoer.UndoAsync(step, force: false, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.EndsWith("already has its content from before (sha256 " + step.Before.Sha256![..12] + "): put back its owner, mode, mtime", outcome.Detail, StringComparison.Ordinal);
        var now = UnixStat.TryGet(path)!;
        Assert.True(now.SameFileAs(inode));
        Assert.Equal((Nobody, Nobody, ReadWriteRead, Modified), (now.Uid, now.Gid, now.Mode, now.ModifiedAt.UtcDateTime));
    }

    [Fact]
    public async Task A_file_the_action_created_is_removed_and_one_already_gone_is_fine()
    {
        var path = Path.Combine(_dir.FullName, "new.gz");
        var step = await FileBackups.RecordCreationAsync(_scope, path, CancellationToken.None);
        Assert.False(step.Before.Existed);
        Assert.Null(step.BackupPath);
        Assert.False(await _undoer.IsAppliedAsync(step, CancellationToken.None));
        await File.WriteAllTextAsync(path, "created");
        var sealedStep = (RestoreFileStep)FileBackups.Seal(_scope, step);
        Assert.True(await _undoer.IsAppliedAsync(sealedStep, CancellationToken.None));

        var outcome = await _undoer.UndoAsync(sealedStep, force: false, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.False(File.Exists(path));
        var again = await _undoer.UndoAsync(sealedStep, force: false, CancellationToken.None);
        Assert.True(again.Succeeded);
        Assert.Contains("already gone", again.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<IOException>(() => FileBackups.RecordCreationAsync(_scope, Owned("exists", "x"), CancellationToken.None));
    }

    [Fact]
    public async Task A_file_changed_since_the_action_is_drift_naming_both_hashes()
    {
        var path = Owned("app.conf", "one\n");
        var step = (RestoreFileStep)FileBackups.Seal(_scope, await Rewritten(path, "two\n"));
        var after = Sha(path);

        await File.AppendAllTextAsync(path, "three\n");
        var drift = Assert.Single(await _undoer.DriftAsync(step, CancellationToken.None));

        Assert.Equal(path, drift.Subject);
        Assert.True(drift.FileOnly);
        Assert.Equal($"changed since the action: sha256 after the action {after[..12]}, now {Sha(path)[..12]}", drift.Reason);

        File.Delete(path);
        Assert.EndsWith("now absent", Assert.Single(await _undoer.DriftAsync(step, CancellationToken.None)).Reason, StringComparison.Ordinal);
        // Forced: the file comes back all the same.
        Assert.True((await _undoer.UndoAsync(step, force: true, CancellationToken.None)).Succeeded);
        Assert.Equal("one\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_backup_that_changed_since_is_not_restored()
    {
        var path = Owned("app.conf", "original\n");
        var step = await FileBackups.BackUpAsync(_scope, path, BackupMethod.Link, CancellationToken.None);
        // A hard-link backup shares its inode: someone writing into the file writes into the backup.
        await File.AppendAllTextAsync(path, "written into the same inode\n");
        ReplaceAsRoot(path, "new\n");

        var outcome = await _undoer.UndoAsync(step, force: true, CancellationToken.None).ContinueWith(t => t.Exception?.InnerException);

        var mismatch = Assert.IsType<BackupMismatchException>(outcome);
        Assert.Contains($"sha256 {step.Before.Sha256![..12]}", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal("new\n", await File.ReadAllTextAsync(path));
        Assert.Empty(Directory.GetFiles(_dir.FullName, ".*"));
    }

    [Fact]
    public async Task A_directory_replaced_by_a_link_since_the_backup_is_refused()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_dir.FullName, "sub")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_dir.FullName, "elsewhere")).FullName;
        var path = Owned("sub/app.conf", "original\n");
        var step = await Rewritten(path, "new\n");
        Directory.Move(sub, sub + ".old");
        Directory.CreateSymbolicLink(sub, elsewhere);

        var outcome = await _undoer.UndoAsync(step, force: true, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal($"{sub} is now a symbolic link (it was not when the backup was taken); Anna does not restore through it", outcome.Detail);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public async Task A_path_through_a_link_is_recorded_resolved()
    {
        var real = Directory.CreateDirectory(Path.Combine(_dir.FullName, "real")).FullName;
        var link = Path.Combine(_dir.FullName, "link");
        Directory.CreateSymbolicLink(link, real);
        Owned("real/app.conf", "x\n");

        var step = await FileBackups.BackUpAsync(_scope, Path.Combine(link, "app.conf"), BackupMethod.Copy, CancellationToken.None);

        Assert.Equal(Path.Combine(UnixLinks.Resolve(real), "app.conf"), step.Before.Path);
        await Assert.ThrowsAsync<IOException>(() => FileBackups.BackUpAsync(_scope, link, BackupMethod.Copy, CancellationToken.None));
    }

    [Fact]
    public async Task In_place_the_inode_stays_and_what_writers_added_since_follows_the_restored_content()
    {
        var path = Owned("app.log", "line 1\nline 2\n");
        var stat = UnixStat.TryGet(path)!;
        using var writer = LibcForTests.OpenForAppend(path);
        RestoreFileStep step;
        using (var backup = FileBackups.StartInPlace(_scope, path, stat, compress: true))
        {
            backup.Write(File.ReadAllBytes(path));
            step = await backup.RecordAsync(_scope, CancellationToken.None);
        }
        File.WriteAllBytes(path, []); // truncates the same inode, as rotation does
        step = (RestoreFileStep)FileBackups.Seal(_scope, step);
        Assert.Equal(ContentHash.Empty, step.AfterSha256);
        writer.Write("line 3\n"u8);

        Assert.Single(await _undoer.DriftAsync(step, CancellationToken.None));
        var outcome = await _undoer.UndoAsync(step, force: true, CancellationToken.None);
        writer.Write("line 4\n"u8);

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.Contains("followed by the 7 B written to it since", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal("line 1\nline 2\nline 3\nline 4\n", await File.ReadAllTextAsync(path));
        var now = UnixStat.TryGet(path)!;
        Assert.True(now.SameFileAs(stat));
        Assert.Equal((Nobody, Nobody, ReadWriteRead), (now.Uid, now.Gid, now.Mode));
        var again = await _undoer.UndoAsync(step, force: true, CancellationToken.None);
        Assert.Contains("still begins with its content from before", again.Detail, StringComparison.Ordinal);
        Assert.False(await _undoer.IsAppliedAsync(step, CancellationToken.None));
    }

    [Fact]
    public async Task A_hard_link_backup_is_a_copy_when_the_file_is_on_another_filesystem()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=1m");
        var path = Path.Combine(tmpfs.Path, "app.log.1.gz");
        await File.WriteAllTextAsync(path, "compressed, say\n");

        var step = await FileBackups.BackUpAsync(_scope, path, BackupMethod.Link, CancellationToken.None);

        Assert.False(UnixStat.TryGet(step.BackupPath!)!.SameFileAs(UnixStat.TryGet(path)!));
        Assert.Equal(Sha(path), Sha(step.BackupPath!));
        var sameFs = Owned("app.log.2.gz", "older\n");
        var linked = await FileBackups.BackUpAsync(_scope, sameFs, BackupMethod.Link, CancellationToken.None);
        Assert.True(UnixStat.TryGet(linked.BackupPath!)!.SameFileAs(UnixStat.TryGet(sameFs)!));
    }

    [Fact]
    public async Task A_config_file_that_did_not_exist_is_reverted_to_empty_content_meaning_the_defaults()
    {
        var path = Path.Combine(_dir.FullName, "healing.toml");
        var step = await FileBackups.BackUpConfigAsync(_scope, path, CancellationToken.None);
        Assert.False(step.Before.Existed);
        Assert.Equal(ContentHash.Empty, step.Before.Sha256);
        await File.WriteAllTextAsync(path, "[healing]\npolicy = \"manual\"\n");
        var sealedStep = (RevertConfigStep)FileBackups.Seal(_scope, step);
        Assert.True(await _undoer.IsAppliedAsync(sealedStep, CancellationToken.None));

        var outcome = await _undoer.UndoAsync(sealedStep, force: false, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Detail);
        Assert.Equal(0, new FileInfo(path).Length);
        var stat = UnixStat.TryGet(path)!;
        Assert.Equal((0u, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead), (stat.Uid, stat.Mode));
    }

    /// <summary>A file owned by nobody:nogroup, 0640, with a fixed mtime.</summary>
    private string Owned(string relative, string content)
    {
        var path = Path.Combine(_dir.FullName, relative);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        LibcForTests.Change(path, Nobody, Nobody);
        File.SetUnixFileMode(path, ReadWriteRead);
        File.SetLastWriteTimeUtc(path, Modified);
        return path;
    }

    private async Task<RestoreFileStep> Rewritten(string path, string content)
    {
        var step = await FileBackups.BackUpAsync(_scope, path, BackupMethod.Copy, CancellationToken.None);
        ReplaceAsRoot(path, content);
        return step;
    }

    /// <summary>What an action rewriting a file leaves: a new inode, root's, another mode and time.</summary>
    private static void ReplaceAsRoot(string path, string content)
    {
        var temp = path + ".new";
        File.WriteAllText(temp, content);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static long Ms(DateTime time) => new DateTimeOffset(time).ToUnixTimeMilliseconds();
}
