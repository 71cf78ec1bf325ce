using Anna.Core.Linux;
using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// Undoes <see cref="RestoreFileStep"/> and <see cref="RevertConfigStep"/> on the real filesystem:
/// puts the backed-up content back (by rename, or into the same inode for a file others keep
/// open), with owner, mode and mtime, or removes a file the action created. Drift is the file's
/// hash no longer being the one the action left; the undo service refuses on it unless forced, so
/// undo itself puts the content back whatever is there. Undo is tolerant: a file already as it was
/// is left alone (its owner, mode and mtime put back) and said so.
/// </summary>
public sealed class FileStepUndoer(RollbackStorage storage) : IStepUndoer
{
    public bool Handles(RollbackStep step) => step is RestoreFileStep or RevertConfigStep;

    public Task<bool> IsAppliedAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var file = FileStepView.Of(step);
            if (file.RemovesOnUndo)
                return UnixStat.TryGet(file.Before.Path) is not null;
            // A file gone or turned into something else is not the action's change: rolling back restores it.
            if (file.InPlace)
                return UnixStat.TryGet(file.Before.Path) is { Type: UnixFileType.Regular }
                    && !FileNow.StartsWith(file.Before.Path, file.Before.Sha256!, file.Before.Size);
            var now = FileNow.Of(file.Before.Path);
            return now.IsRegular && now.Sha256 != file.Before.Sha256;
        }, cancellationToken);

    public Task<IReadOnlyList<Drift>> DriftAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<Drift>>(() =>
        {
            var file = FileStepView.Of(step);
            // No post-state: the action was cut off before it finished, so there is nothing to compare with.
            if (file.AfterSha256 is not { } after)
                return [];
            var now = FileNow.Of(file.Before.Path);
            if (now.IsRegular && now.Sha256 == after)
                return [];
            return [new Drift(file.Before.Path,
                $"changed since the action: sha256 after the action {ContentHash.Short(after)}, now {now.Describe()}", FileOnly: true)];
        }, cancellationToken);

    public Task<StepOutcome> UndoAsync(RollbackStep step, bool force, CancellationToken cancellationToken) =>
        Task.Run(() => Undo(FileStepView.Of(step), step.Describe()), cancellationToken);

    public Task ReleaseAsync(RollbackStep step, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            var file = FileStepView.Of(step);
            if (file.BackupPath is not { } backup)
                return;
            // Only ever inside Anna's own backup directory, whatever the journal says.
            var backups = Path.GetDirectoryName(storage.BackupDirectory(0))!;
            if (SafePath.Problem(backup) is not null || !SafePath.IsUnder(backup, backups) || backup == backups)
                throw new InvalidOperationException($"{backup} is not in Anna's backup directory {backups}; not deleting it");
            File.Delete(backup);
            // The action's directory goes with its last backup (kept package files may share it).
            var directory = Path.GetDirectoryName(backup)!;
            if (directory != backups && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);
        }, cancellationToken);

    private static StepOutcome Undo(FileStepView file, string described)
    {
        var path = file.Before.Path;
        if (RecordedPath.Problem(path) is { } problem)
            return new StepOutcome(described, false, problem);
        // One handle of the directory, opened from "/" without links, for every step that follows:
        // a directory swapped for a link after this point does not move where root writes.
        DirectoryHandle directory;
        try
        {
            directory = DirectoryHandle.Open(Path.GetDirectoryName(path)!);
        }
        catch (IOException e)
        {
            return new StepOutcome(described, false, $"{path} cannot be reached safely: {e.Message}");
        }
        using (directory)
            return Undo(directory, file, described);
    }

    private static StepOutcome Undo(DirectoryHandle directory, FileStepView file, string described)
    {
        var path = file.Before.Path;
        var name = Path.GetFileName(path);
        var now = FileNow.Of(directory, name);

        if (file.RemovesOnUndo)
        {
            if (!now.Exists)
                return new StepOutcome(described, true, $"{path} is already gone: left as it is");
            if (!now.IsRegular)
                return new StepOutcome(described, false, $"{path} is {now.Describe()} now, not the file the action created; left alone");
            directory.Delete(name);
            directory.Sync();
            return new StepOutcome(described, true, $"removed {path}");
        }

        var backup = file.BackupPath ?? throw new InvalidOperationException($"the step for {path} names no backup");
        var before = file.Before;
        if (file.InPlace && now.IsRegular)
        {
            if (FileNow.StartsWith(directory, name, before.Sha256!, before.Size))
                return new StepOutcome(described, true, $"{path} still begins with its content from before (sha256 {ContentHash.Short(before.Sha256!)}): left as it is");
            var kept = FileRestore.InPlace(directory, before, backup, file.BackupCompressed, Path.GetDirectoryName(backup)!);
            return new StepOutcome(described, true,
                $"wrote {ByteSize.Format(before.Size)} back into {path} in place (sha256 {ContentHash.Short(before.Sha256!)})" +
                (kept > 0 ? $", followed by the {ByteSize.Format(kept)} written to it since" : ""));
        }

        if (now.IsRegular && now.Sha256 == before.Sha256)
        {
            var putBack = FileRestore.Metadata(directory, before);
            return new StepOutcome(described, true, $"{path} already has its content from before (sha256 {ContentHash.Short(before.Sha256!)}): " +
                (putBack.Count == 0 ? "left as it is" : $"put back its {string.Join(", ", putBack)}"));
        }
        if (now.Type is UnixFileType.Directory)
            return new StepOutcome(described, false, $"{path} is a directory now; left alone");
        // Also where an in-place file was removed since: it is recreated; its writers, if any, hold a deleted inode anyway.
        FileRestore.Replace(directory, before, backup, file.BackupCompressed);
        return new StepOutcome(described, true,
            $"restored {path} (sha256 {ContentHash.Short(before.Sha256!)}, {ByteSize.Format(before.Size)}, owner {before.Uid}:{before.Gid}, mode {Convert.ToString(before.Mode, 8)})");
    }
}
