using System.IO.Compression;
using System.Security.Cryptography;
using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// A backup being written as the content passes through (hashed on the way) into a root-only
/// file of the action's backup directory. <see cref="RecordAsync"/> makes it durable and records
/// its step; disposed before that, the partial backup is removed.
/// </summary>
public sealed class ContentBackup : IDisposable
{
    private readonly FileStream _file;
    private readonly GZipStream? _gzip;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly string _original;
    private readonly UnixStat _before;
    private readonly bool _inPlace;
    private bool _kept;
    private bool _disposed;

    internal ContentBackup(string backupPath, string original, UnixStat before, bool compress, bool inPlace)
    {
        Path = backupPath;
        _original = original;
        _before = before;
        _inPlace = inPlace;
        _file = new FileStream(backupPath, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        // The fastest level: the backup is a safety net kept for rollback_timeout, not an archive.
        _gzip = compress ? new GZipStream(_file, CompressionLevel.Fastest, leaveOpen: true) : null;
    }

    /// <summary>Where the backup is kept.</summary>
    public string Path { get; }

    /// <summary>Bytes of content written so far.</summary>
    public long Length { get; private set; }

    public void Write(ReadOnlySpan<byte> content)
    {
        ObjectDisposedException.ThrowIf(_disposed || _kept, this);
        _hash.AppendData(content);
        if (_gzip is not null)
            _gzip.Write(content);
        else
            _file.Write(content);
        Length += content.Length;
    }

    /// <summary>
    /// Makes the backup durable, then records the step that restores it — in that order, so the
    /// journal never names a backup that is not complete on disk.
    /// </summary>
    public async Task<RestoreFileStep> RecordAsync(ActionScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var state = Complete();
        var step = new RestoreFileStep(state, Path, InPlace: _inPlace, BackupCompressed: _gzip is not null);
        // Kept from here on, even if recording throws: the journal may hold the step by then, and
        // a step without its backup is worse than a backup without its step.
        _kept = true;
        await scope.RecordAsync(step, cancellationToken).ConfigureAwait(false);
        return step;
    }

    /// <summary>Finishes the file and says what it holds; the caller records the step.</summary>
    internal FileState Complete()
    {
        _gzip?.Dispose();
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        return new FileState(
            _original,
            Existed: true,
            Convert.ToHexStringLower(_hash.GetHashAndReset()),
            Length,
            (int)_before.Uid,
            (int)_before.Gid,
            (int)_before.Mode,
            _before.ModifiedAt.ToUnixTimeMilliseconds());
    }

    /// <summary>Marks the backup as named by a recorded step: disposing keeps it.</summary>
    internal void Keep() => _kept = true;

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _gzip?.Dispose();
        _file.Dispose();
        _hash.Dispose();
        if (!_kept)
            FileBackups.TryDelete(Path);
    }
}
