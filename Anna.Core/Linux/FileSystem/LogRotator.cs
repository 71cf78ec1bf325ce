using System.IO.Compression;

namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// Rotates one log file with copytruncate semantics: a gzip copy next to it (<c>name.1.gz</c>,
/// older copies shifted to <c>.2.gz</c>, <c>.3.gz</c>, … — renamed, never deleted), then the original
/// emptied in place so programs writing to it keep their descriptor and carry on. As with
/// logrotate's copytruncate, a line written between the last read and the truncation is lost;
/// here that window is one read, because the original is emptied before compression finishes.
/// A writer that did not open its log with O_APPEND goes on at its old offset and leaves a
/// sparse gap at the start of the file (the same as with logrotate).
/// Every change is announced first to an <see cref="IRotationRecorder"/>, which keeps what undo
/// needs: the log's content is handed to it as it is read, so the log is read once.
/// </summary>
public static class LogRotator
{
    /// <summary>Older copies shifted at most; a longer chain is a sign something else is going on.</summary>
    public const int MaxGenerations = 1000;

    private const long SpaceMargin = 1 << 20;

    /// <summary>The pre-flight for <paramref name="path"/>; changes nothing.</summary>
    public static RotationPlan Plan(string path, IReadOnlyList<string> roots, long maxBytes)
    {
        try
        {
            if (SafePath.FileUnderRootsProblem(path, roots) is { } problem)
                return new RotationPlan(path, path + ".1.gz", 0, problem);
            using var directory = OpenDirectory(path, roots);
            return Check(directory, path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RotationPlan(path, path + ".1.gz", 0, $"cannot check {path}: {e.Message}");
        }
    }

    /// <summary>The log's directory, reached from its configured root without following any link below it.</summary>
    private static DirectoryHandle OpenDirectory(string path, IReadOnlyList<string> roots)
    {
        var root = roots.Where(r => SafePath.LogRootProblem(r) is null && SafePath.IsUnder(path, r) && path != r)
            .OrderByDescending(r => r.Length).First();
        return DirectoryHandle.OpenBeneath(root, System.IO.Path.GetDirectoryName(path)!);
    }

    private static RotationPlan Check(DirectoryHandle directory, string path, long maxBytes)
    {
        var target = path + ".1.gz";
        var name = System.IO.Path.GetFileName(path);
        var stat = directory.Stat(name);
        if (stat is null)
            return new RotationPlan(path, target, 0, $"{path} no longer exists");
        if (stat.Type != UnixFileType.Regular)
            return new RotationPlan(path, target, 0, $"{path} is not a regular file");
        // Judged by the blocks it holds: a sparse file of zeros is not a big log, and gzip over it is wasted work.
        if (stat.AllocatedBytes <= maxBytes)
            return new RotationPlan(path, target, stat.AllocatedBytes, $"{path} is no longer over the limit ({ByteSize.Format(stat.AllocatedBytes)} on disk)");
        if (LogWalker.IsCompressed(path) || LogWalker.IsManagedElsewhere(path))
            return new RotationPlan(path, target, stat.Size, $"{path} is not a plain log file");
        if (FileTrust.Problem(path, stat, directory.Self) is { } untrusted)
            return new RotationPlan(path, target, stat.Size, untrusted);
        if (ShiftProblem(directory, path) is { } shift)
            return new RotationPlan(path, target, stat.Size, shift);
        var free = FileSystemUsage.Of(directory.Path).AvailableBytes;
        // A gzip copy is never much larger than its input; needing the full size is the safe bound.
        if (free < stat.Size + SpaceMargin)
            return new RotationPlan(path, target, stat.Size,
                $"only {ByteSize.Format(free)} free next to {path}; the compressed copy may need up to {ByteSize.Format(stat.Size)}");
        return new RotationPlan(path, target, stat.Size, null);
    }

    /// <summary>
    /// Re-checks everything <see cref="Plan"/> checks, then rotates, telling
    /// <paramref name="recorder"/> before each change: the rotated copies about to be shifted or
    /// created before any is touched, the content as it is read, and the moment before the log is
    /// emptied. A recorder that fails stops the rotation before the change it was told about.
    /// Every file operation goes through one handle of the log's directory, reached without links:
    /// swapping a directory on the way for a link after the checks changes nothing root does.
    /// </summary>
    public static async Task<RotationOutcome> RotateAsync(string path, IReadOnlyList<string> roots, long maxBytes,
        IRotationRecorder recorder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        var plan = Plan(path, roots, maxBytes);
        if (plan.Refused is { } refused)
            return new RotationOutcome(path, null, plan.Bytes, 0, refused);
        DirectoryHandle directory;
        try
        {
            directory = OpenDirectory(path, roots);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RotationOutcome(path, null, plan.Bytes, 0, $"cannot open the directory of {path}: {e.Message}");
        }
        using (directory)
            return await RotateAsync(directory, path, plan, recorder, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RotationOutcome> RotateAsync(DirectoryHandle directory, string path, RotationPlan plan,
        IRotationRecorder recorder, CancellationToken cancellationToken)
    {
        var name = System.IO.Path.GetFileName(path);
        var before = directory.Stat(name);
        if (before is null)
            return new RotationOutcome(path, null, 0, 0, $"{path} no longer exists");

        var temporaryName = $".{name}.anna-rotate";
        var temporary = System.IO.Path.Combine(directory.Path, temporaryName);
        var created = false;
        var truncated = false;
        var moved = false;
        try
        {
            // Opened through the directory handle, never through a link, and only if it is the file
            // checked, with one name and an owner who could have put it there.
            using var source = new FileStream(directory.OpenToChange(name, before), FileAccess.ReadWrite);

            var shifted = ExistingCopies(directory, path);
            await recorder.CopiesChangingAsync(path, shifted, CopyName(path, shifted.Count + 1), cancellationToken).ConfigureAwait(false);

            long copied;
            long compressed;
            UnixStat copy;
            // Root's and 0600 from the first byte: a user of the directory cannot open the copy of a
            // protected log while it is written; owner and mode are given through this very handle.
            using (var output = new FileStream(directory.CreateNew(temporaryName), FileAccess.ReadWrite))
            {
                created = true;
                using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
                {
                    recorder.ReadingContent(path, before);
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        gzip.Write(buffer, 0, read);
                        recorder.ContentRead(buffer.AsSpan(0, read));
                    }
                    await recorder.EmptyingAsync(cancellationToken).ConfigureAwait(false);
                    // Lines written while the recorder made its record durable go into the copy
                    // too, so emptying still loses at most what lands during one read.
                    while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
                        gzip.Write(buffer, 0, read);
                    copied = source.Position;
                    // Emptied the moment its content has been read, not after compression: a line
                    // written in between would be lost, and for a big log compressing takes seconds.
                    source.SetLength(0);
                    source.Flush(flushToDisk: true);
                    truncated = true;
                }
                output.Flush(flushToDisk: true);
                compressed = output.Length;
                // Like gzip -k: the copy carries the original's owner, mode and modification time.
                // chown first: it clears set-id bits, which chmod then puts back.
                UnixOwnership.Change(output.SafeFileHandle, before.Uid, before.Gid);
                File.SetUnixFileMode(output.SafeFileHandle, before.Mode);
                File.SetLastWriteTimeUtc(output.SafeFileHandle, before.ModifiedAt.UtcDateTime);
                copy = UnixStat.Of(output.SafeFileHandle);
                await recorder.EmptiedAsync(cancellationToken).ConfigureAwait(false);

                // A user of the directory can swap the copy's name for something else; that is renamed
                // nowhere and reported, and the log's content stays in the action's backup. The copy
                // stays open until this check: a closed file's inode number can be handed at once to
                // whatever took its name (ext4 does), and a link is never the copy.
                if (directory.Stat(temporaryName) is not { Type: UnixFileType.Regular } named || !named.SameFileAs(copy))
                    throw new IOException($"{temporary} was replaced by someone else while {path} was being rotated");
            }
            ShiftOlderCopies(directory, path, shifted.Count);
            if (directory.RenameNoReplace(temporaryName, System.IO.Path.GetFileName(plan.Target)) != RenameOutcome.Renamed)
                throw new IOException($"{plan.Target} appeared while {path} was being rotated");
            moved = true;
            directory.Sync();
            return new RotationOutcome(path, plan.Target, copied, compressed, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Once the original is emptied, the copy is the only one left: it is kept, whatever state it is in.
            if (truncated)
                return new RotationOutcome(path, null, before.Size, 0,
                    $"rotating {path} failed after it was emptied: {e.Message}; its former content is in {temporary}");
            return new RotationOutcome(path, null, before.Size, 0, $"rotating {path} failed: {e.Message}");
        }
        finally
        {
            if (created && !truncated && !moved)
                TryDelete(directory, temporaryName);
        }
    }

    /// <summary>name.1.gz, name.2.gz, … as they exist now, newest first: what a rotation shifts up by one.</summary>
    private static List<string> ExistingCopies(DirectoryHandle directory, string path)
    {
        var copies = new List<string>();
        while (copies.Count < MaxGenerations && directory.Stat(System.IO.Path.GetFileName(CopyName(path, copies.Count + 1))) is not null)
            copies.Add(CopyName(path, copies.Count + 1));
        return copies;
    }

    private static string CopyName(string path, int generation) =>
        $"{path}.{generation.ToString(System.Globalization.CultureInfo.InvariantCulture)}.gz";

    /// <summary>Why the chain name.1.gz, name.2.gz, … cannot be shifted up by one; null when it can.</summary>
    private static string? ShiftProblem(DirectoryHandle directory, string path)
    {
        for (var generation = 1; generation <= MaxGenerations; generation++)
        {
            var copy = CopyName(path, generation);
            var stat = directory.Stat(System.IO.Path.GetFileName(copy));
            if (stat is null)
                return null;
            if (stat.Type != UnixFileType.Regular)
                return $"{copy} is not a regular file; rotating would rename it";
        }
        return $"{path} already has {MaxGenerations} rotated copies; clean them up first";
    }

    /// <summary>Renames name.N.gz to name.N+1.gz, …, name.1.gz to name.2.gz — only the copies recorded, never over an existing file.</summary>
    private static void ShiftOlderCopies(DirectoryHandle directory, string path, int count)
    {
        for (var generation = count; generation >= 1; generation--)
        {
            var from = System.IO.Path.GetFileName(CopyName(path, generation));
            if (directory.RenameNoReplace(from, System.IO.Path.GetFileName(CopyName(path, generation + 1))) != RenameOutcome.Renamed)
                throw new IOException($"cannot shift {CopyName(path, generation)}: {CopyName(path, generation + 1)} appeared meanwhile");
        }
    }

    private static void TryDelete(DirectoryHandle directory, string name)
    {
        try
        {
            directory.Delete(name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Our own temporary file; a leftover is harmless and named for what it is.
        }
    }
}
