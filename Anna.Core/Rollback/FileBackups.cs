using System.Globalization;
using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// How an action makes a file change undoable: before the change, the file is kept in the
/// action's backup directory (root-only 0700, under Anna's data directory) with its hash, size,
/// owner, mode and modification time, and the step that restores it is recorded in the journal;
/// after the change, the hash the action left is filled in (<see cref="SealAsync"/>) so a later
/// change by someone else is seen as drift. A file the action creates is recorded as not having
/// existed: undo removes it.
/// </summary>
public static class FileBackups
{
    private const UnixFileMode RootOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const int BufferSize = 1 << 16;

    /// <summary>The stat of a config file that does not exist yet: empty, root's.</summary>
    private static readonly UnixStat Missing = new(UnixFileType.Regular, 0, 0, 0, 0, 0, DateTimeOffset.UnixEpoch, 0, 0);

    /// <summary>Backs up a regular file the action is about to rewrite or rename over, and records its step.</summary>
    public static async Task<RestoreFileStep> BackUpAsync(ActionScope scope, string path, BackupMethod method, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var resolved = RecordedPath.Resolve(path);
        // The file is read (or linked) through its directory's handle, reached without links: the
        // backup is of the file at the recorded path, whatever is swapped in on the way meanwhile.
        using var directory = DirectoryHandle.Open(Path.GetDirectoryName(resolved)!);
        var name = Path.GetFileName(resolved);
        var before = RegularFile(resolved, directory.Stat(name));
        var backupPath = NewBackupPath(scope, resolved, method == BackupMethod.Compress);
        RestoreFileStep step;
        if (method == BackupMethod.Link && directory.TryLink(name, backupPath))
        {
            try
            {
                step = LinkedStep(resolved, before, backupPath);
            }
            catch
            {
                TryDelete(backupPath);
                throw;
            }
        }
        else
        {
            using var backup = new ContentBackup(backupPath, resolved, before, method == BackupMethod.Compress, inPlace: false);
            using (var source = new FileStream(directory.OpenToRead(name, before), FileAccess.Read))
                Pump(source, backup);
            step = new RestoreFileStep(backup.Complete(), backupPath, BackupCompressed: method == BackupMethod.Compress);
            backup.Keep();
        }
        // Kept even if recording throws: the journal may hold the step by then (see ContentBackup.RecordAsync).
        await scope.RecordAsync(step, cancellationToken).ConfigureAwait(false);
        return step;
    }

    /// <summary>
    /// Starts a backup of a file that is rewritten in place while its content is read (a log
    /// emptied once copied): the caller feeds it what it reads, then records it before the change.
    /// </summary>
    public static ContentBackup StartInPlace(ActionScope scope, string path, UnixStat before, bool compress)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(before);
        var resolved = RecordedPath.Resolve(path);
        return new ContentBackup(NewBackupPath(scope, resolved, compress), resolved, before, compress, inPlace: true);
    }

    /// <summary>Records that the action is about to create <paramref name="path"/>, which does not exist: undo removes it.</summary>
    public static async Task<RestoreFileStep> RecordCreationAsync(ActionScope scope, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var resolved = RecordedPath.Resolve(path);
        using (var directory = DirectoryHandle.Open(Path.GetDirectoryName(resolved)!))
            if (directory.Stat(Path.GetFileName(resolved)) is not null)
                throw new IOException($"{resolved} already exists; it is not created by this action");
        var step = new RestoreFileStep(new FileState(resolved, Existed: false, null, 0, 0, 0, 0, 0), null);
        await scope.RecordAsync(step, cancellationToken).ConfigureAwait(false);
        return step;
    }

    /// <summary>
    /// Backs up one of Anna's own config files before it is rewritten, and records the step that
    /// reverts it. A file that does not exist yet is backed up as empty content: reverting writes
    /// an empty file, which means the same built-in defaults as no file (removing it instead would
    /// leave the watcher keeping the edited policy as the "last good" one).
    /// </summary>
    public static async Task<RevertConfigStep> BackUpConfigAsync(ActionScope scope, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var resolved = RecordedPath.Resolve(path);
        using var directory = DirectoryHandle.Open(Path.GetDirectoryName(resolved)!);
        var name = Path.GetFileName(resolved);
        var before = directory.Stat(name);
        if (before is not null)
            RegularFile(resolved, before);
        var backupPath = NewBackupPath(scope, resolved, compress: false);
        FileState state;
        using (var backup = new ContentBackup(backupPath, resolved, before ?? Missing, compress: false, inPlace: false))
        {
            if (before is not null)
            {
                using var source = new FileStream(directory.OpenToRead(name, before), FileAccess.Read);
                Pump(source, backup);
            }
            state = backup.Complete();
            backup.Keep();
        }
        if (before is null)
        {
            // What a new policy file gets (AtomicFile): root-owned 0644.
            state = state with { Existed = false, Uid = 0, Gid = 0, Mode = 0b110_100_100, ModifiedUnixMs = 0 };
        }
        var step = new RevertConfigStep(state, backupPath);
        // Kept even if recording throws: the journal may hold the step by then (see ContentBackup.RecordAsync).
        await scope.RecordAsync(step, cancellationToken).ConfigureAwait(false);
        return step;
    }

    /// <summary>
    /// After the change: records the hash the action left (null when the file is gone or is no
    /// longer a regular file) as the step's post-state, and returns the updated step.
    /// </summary>
    public static RollbackStep Seal(ActionScope scope, RollbackStep recorded)
    {
        ArgumentNullException.ThrowIfNull(scope);
        RollbackStep sealedStep = recorded switch
        {
            RestoreFileStep file => file with { AfterSha256 = FileNow.Of(file.Before.Path).Sha256 },
            RevertConfigStep config => config with { AfterSha256 = FileNow.Of(config.Before.Path).Sha256 },
            _ => throw new ArgumentException($"not a file step: {recorded.GetType().Name}", nameof(recorded)),
        };
        scope.Update(recorded, sealedStep);
        return sealedStep;
    }

    /// <summary>The action's backup directory, made root-only (0700) the first time it is needed.</summary>
    public static string DirectoryOf(ActionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var directory = scope.Storage.BackupDirectory(scope.JournalId);
        var parent = Path.GetDirectoryName(directory)!;
        if (!Directory.Exists(scope.Storage.DataDirectory))
            Directory.CreateDirectory(scope.Storage.DataDirectory, RootOnly);
        // The data directory may be a link the admin made; what Anna makes inside it may not be.
        foreach (var level in new[] { parent, directory })
        {
            if (!Directory.Exists(level))
                Directory.CreateDirectory(level, RootOnly);
            var stat = UnixStat.TryGet(level);
            if (stat is not { Type: UnixFileType.Directory })
                throw new IOException($"{level} is not a directory; backups are not kept through links");
        }
        // Created through the umask, or made earlier by someone else: backups hold other users' files.
        File.SetUnixFileMode(parent, RootOnly);
        File.SetUnixFileMode(directory, RootOnly);
        return directory;
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover in the action's backup directory goes when the directory is released.
        }
    }

    private static RestoreFileStep LinkedStep(string resolved, UnixStat before, string backupPath)
    {
        // link(2) names whatever is at the path now: it must still be the file checked.
        if (UnixStat.TryGet(backupPath) is not { } linked || !linked.SameFileAs(before))
            throw new IOException($"{resolved} was replaced while it was being backed up");
        using var stream = new FileStream(backupPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var hash = ContentHash.Of(stream);
        var state = new FileState(resolved, true, hash, stream.Position, (int)before.Uid, (int)before.Gid, (int)before.Mode,
            before.ModifiedAt.ToUnixTimeMilliseconds());
        return new RestoreFileStep(state, backupPath);
    }

    private static UnixStat RegularFile(string path, UnixStat? stat)
    {
        if (stat is null)
            throw new FileNotFoundException($"{path} does not exist", path);
        if (stat.Type != UnixFileType.Regular)
            throw new IOException($"{path} is not a regular file; only regular files are backed up");
        return stat;
    }

    private static void Pump(Stream source, ContentBackup backup)
    {
        var buffer = new byte[BufferSize];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            backup.Write(buffer.AsSpan(0, read));
    }

    /// <summary>
    /// <c>0003-app.log</c>: numbered in recording order, so two files of the same name from
    /// different directories never meet, and a person looking at the directory sees the order.
    /// </summary>
    private static string NewBackupPath(ActionScope scope, string original, bool compress)
    {
        var directory = DirectoryOf(scope);
        var name = Path.GetFileName(original) + (compress ? ".gz" : "");
        for (var index = scope.Snapshot.Steps.Count; ; index++)
        {
            var candidate = Path.Combine(directory, $"{index.ToString("D4", CultureInfo.InvariantCulture)}-{name}");
            if (UnixStat.TryGet(candidate) is null)
                return candidate;
        }
    }
}
