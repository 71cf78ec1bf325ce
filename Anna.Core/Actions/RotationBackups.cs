using Anna.Core.Linux.FileSystem;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// Keeps what undoes log rotations in the action's scope. Each rotated copy about to be shifted is
/// backed up by hard link (rotation renames copies, never writes into them, so the old content
/// lives on at no cost); the copy about to be created is recorded as new; the log's own content is
/// backed up compressed as the rotation reads it, and recorded just before the log is emptied in
/// place — undo writes it back into the same inode, so writers keep their descriptors.
/// </summary>
internal sealed class RotationBackups(ActionScope scope) : IRotationRecorder, IDisposable
{
    private readonly List<RollbackStep> _unsealed = [];
    private ContentBackup? _content;

    public async Task CopiesChangingAsync(string log, IReadOnlyList<string> shifted, string created, CancellationToken cancellationToken)
    {
        foreach (var copy in shifted)
            _unsealed.Add(await FileBackups.BackUpAsync(scope, copy, BackupMethod.Link, cancellationToken).ConfigureAwait(false));
        _unsealed.Add(await FileBackups.RecordCreationAsync(scope, created, cancellationToken).ConfigureAwait(false));
    }

    public void ReadingContent(string log, UnixStat before)
    {
        _content?.Dispose();
        _content = FileBackups.StartInPlace(scope, log, before, compress: true);
    }

    public void ContentRead(ReadOnlySpan<byte> chunk) =>
        (_content ?? throw new InvalidOperationException("content read before the rotation said it was reading")).Write(chunk);

    public async Task EmptyingAsync(CancellationToken cancellationToken)
    {
        var content = _content ?? throw new InvalidOperationException("emptying announced before any content was read");
        _unsealed.Add(await content.RecordAsync(scope, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The moment a crash leaves the most to put right: the log emptied, its copy not in place yet.</summary>
    public ValueTask EmptiedAsync(CancellationToken cancellationToken) => scope.CheckpointAsync(FaultPoint.HalfDone, cancellationToken);

    /// <summary>After one file's rotation, whatever its outcome: each step recorded for it gets the hash the rotation left.</summary>
    public void Seal()
    {
        foreach (var step in _unsealed)
            FileBackups.Seal(scope, step);
        _unsealed.Clear();
        _content?.Dispose();
        _content = null;
    }

    public void Dispose() => _content?.Dispose();
}
