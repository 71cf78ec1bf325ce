namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// What <see cref="LogRotator"/> tells whoever keeps the record that undoes a rotation, each time
/// before the change it announces: a failure here stops the rotation with nothing changed.
/// </summary>
public interface IRotationRecorder
{
    /// <summary>
    /// Before any rotated copy is touched: <paramref name="shifted"/> (name.1.gz … name.N.gz, each
    /// about to get the content of the one before it, name.1.gz the new copy) and
    /// <paramref name="created"/> (name.N+1.gz, which does not exist yet).
    /// </summary>
    Task CopiesChangingAsync(string log, IReadOnlyList<string> shifted, string created, CancellationToken cancellationToken);

    /// <summary>The log, as checked (<paramref name="before"/>), is about to be read; each chunk read follows in <see cref="ContentRead"/>.</summary>
    void ReadingContent(string log, UnixStat before);

    void ContentRead(ReadOnlySpan<byte> chunk);

    /// <summary>Everything read so far is about to be emptied from the log, which stays the same inode.</summary>
    Task EmptyingAsync(CancellationToken cancellationToken);

    /// <summary>The log is empty; the copies are not shifted yet and the new one not in place: the rotation is half done.</summary>
    ValueTask EmptiedAsync(CancellationToken cancellationToken);
}
