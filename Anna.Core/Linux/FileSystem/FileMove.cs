namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// Moves one regular file without ever replacing another: a rename when both paths are on one
/// filesystem; across filesystems (EXDEV) a copy under a temporary name next to the target,
/// flushed to disk, given the original's owner, mode and times, renamed into place, and only
/// then the original deleted — at every moment one complete copy exists under a real name.
/// </summary>
public static class FileMove
{
    /// <summary>Suffix of the copy while it is being written; a leftover one is an unfinished copy, never a real file.</summary>
    public const string PartialSuffix = ".anna-partial";

    /// <exception cref="IOException">The move failed; the original is where it was.</exception>
    public static FileMoveResult Move(string from, string to)
    {
        switch (UnixRename.NoReplace(from, to))
        {
            case RenameOutcome.Renamed:
                return FileMoveResult.Renamed;
            case RenameOutcome.TargetExists:
                return FileMoveResult.TargetExists;
        }
        return Copy(from, to);
    }

    private static FileMoveResult Copy(string from, string to)
    {
        var source = UnixStat.TryGet(from) ?? throw new FileNotFoundException($"{from} does not exist", from);
        if (source.Type != UnixFileType.Regular)
            throw new IOException($"{from} is not a regular file; only regular files are copied");
        if (UnixStat.TryGet(to) is not null)
            return FileMoveResult.TargetExists;
        var partial = to + PartialSuffix;
        if (UnixStat.TryGet(partial) is { Type: UnixFileType.Regular })
            File.Delete(partial); // an earlier copy that was cut off
        try
        {
            // File.Copy keeps the mode bits and the access and modification times (futimens).
            File.Copy(from, partial, overwrite: false);
            UnixOwnership.Change(partial, source.Uid, source.Gid);
            // chown clears set-user-ID and set-group-ID bits: the mode goes on after the owner.
            File.SetUnixFileMode(partial, source.Mode);
            if (UnixStat.TryGet(partial)!.ModifiedAt != source.ModifiedAt)
                File.SetLastWriteTimeUtc(partial, source.ModifiedAt.UtcDateTime);
            using (var written = new FileStream(partial, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                written.Flush(flushToDisk: true);
            if (UnixRename.NoReplace(partial, to) != RenameOutcome.Renamed)
            {
                File.Delete(partial);
                return FileMoveResult.TargetExists;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(partial);
            throw new IOException($"cannot copy {from} to {to}: {e.Message}", e);
        }
        File.Delete(from);
        return FileMoveResult.Copied;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (UnixStat.TryGet(path) is { Type: UnixFileType.Regular })
                File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Named for what it is (.anna-partial); the original is untouched.
        }
    }
}
