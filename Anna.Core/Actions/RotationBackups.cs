using Anna.Core.Linux;
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

    /// <summary>Room kept free on the data directory's filesystem beyond the backup itself.</summary>
    private const long SpaceMargin = 16L << 20;

    public async Task CopiesChangingAsync(string log, IReadOnlyList<string> shifted, string created, CancellationToken cancellationToken)
    {
        // The first thing told before anything changes: the compressed backup of the log goes to the data
        // directory, which may be another filesystem than the log's, so its room is checked there too —
        // a rotation must not fill the disk Anna keeps its journal on.
        if (BackupRoom(log) is { } problem)
            throw new IOException(problem);
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

    private string? BackupRoom(string log)
    {
        var needed = new FileInfo(log).Length; // gzip never makes a log much larger: its size is the safe bound
        var where = scope.Storage.DataDirectory;
        while (!Directory.Exists(where) && Path.GetDirectoryName(where) is { } parent)
            where = parent;
        var free = FileSystemUsage.Of(where).AvailableBytes;
        return free < needed + SpaceMargin
            ? $"only {ByteSize.Format(free)} free for undo backups in {scope.Storage.DataDirectory}; the compressed backup of {log} may need up to {ByteSize.Format(needed)}"
            : null;
    }

    public void Dispose() => _content?.Dispose();
}
