using System.IO.Compression;
using System.Security.Cryptography;
using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Rollback;

/// <summary>
/// Puts backed-up content back. Every restore checks the backup against the recorded hash first
/// (a backup that changed — a hard link whose other name was written to — is never restored), and
/// gives the file back its recorded owner, mode and modification time.
/// </summary>
internal static class FileRestore
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Replaces the file atomically: the content goes to a temp file in the same directory, which
    /// gets owner, mode and mtime, is flushed, then renamed over the path. Readers see the old
    /// file or the restored one, never half of it; a crash leaves at most the temp file.
    /// </summary>
    public static void Replace(DirectoryHandle directory, FileState before, string backupPath, bool compressed)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var name = Path.GetFileName(before.Path);
        var temp = $".{name}.anna-restore-{Guid.NewGuid():N}";
        try
        {
            // O_EXCL|O_NOFOLLOW in the directory handle, root's and 0600 until renamed: never
            // follows or reuses anything planted under that name, and nobody reads it half-written.
            using (var output = new FileStream(directory.CreateNew(temp), FileAccess.ReadWrite))
            {
                var written = CopyVerified(before, backupPath, compressed, output);
                output.Flush(flushToDisk: true);
                if (written != before.Sha256)
                    throw new BackupMismatchException(backupPath, before.Sha256!, written);
                // A config file that did not exist has no time of its own to get back.
                ApplyMetadata(output, before, restoreTime: before.Existed);
            }
            // renameat in the same handle: replaces the name, never what a link there points at.
            directory.Replace(temp, name);
        }
        catch
        {
            TryDelete(directory, temp);
            throw;
        }
        directory.Sync();
    }

    /// <summary>
    /// Writes the content back into the file's own inode, for files other programs keep open (a
    /// log): what they wrote since the action is kept, after the restored content. The file is
    /// first grown to its final size, so what they append while this runs lands after it and is
    /// not overwritten. Returns the bytes written since the action that were kept.
    /// </summary>
    public static long InPlace(DirectoryHandle directory, FileState before, string backupPath, bool compressed, string asideDirectory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        // Checked before the first byte changes: an in-place write cannot be taken back.
        using (var verify = Stream.Null)
        {
            var found = CopyVerified(before, backupPath, compressed, verify);
            if (found != before.Sha256)
                throw new BackupMismatchException(backupPath, before.Sha256!, found);
        }

        // Refused when it is not a plain file of one name, or its owner could not have put it there.
        using var file = new FileStream(directory.OpenToChange(Path.GetFileName(before.Path)), FileAccess.ReadWrite);

        // Writers append from here on past the end we are about to claim. A line written between
        // reading the length and growing the file falls inside the claimed range and is lost —
        // the same one-write window as emptying a log in place.
        var since = file.Length;
        file.SetLength(since + before.Size);

        // What was written since the action is set aside (root-only, next to the backup) while
        // the restored content is written over its place.
        using var aside = new FileStream(Path.Combine(asideDirectory, $".aside-{Guid.NewGuid():N}"), new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        file.Position = 0;
        CopyExactly(file, aside, since);

        file.Position = 0;
        using (var content = OpenBackup(backupPath, compressed))
            CopyExactly(content, file, before.Size);
        aside.Position = 0;
        CopyExactly(aside, file, since);
        file.Flush(flushToDisk: true);
        // The time is the backup's only when nothing was written since; otherwise the writers' is true.
        ApplyMetadata(file, before, restoreTime: since == 0);
        return since;
    }

    /// <summary>
    /// For a file whose content is already the one from before: puts back owner, mode and mtime
    /// where they differ. Returns what was put back, empty when nothing differed.
    /// </summary>
    public static IReadOnlyList<string> Metadata(DirectoryHandle directory, FileState before)
    {
        ArgumentNullException.ThrowIfNull(directory);
        using var file = new FileStream(directory.OpenToChange(Path.GetFileName(before.Path)), FileAccess.ReadWrite);
        var stat = UnixStat.Of(file.SafeFileHandle);
        var changed = new List<string>();
        if (stat.Uid != (uint)before.Uid || stat.Gid != (uint)before.Gid)
            changed.Add("owner");
        if (stat.Mode != (UnixFileMode)before.Mode)
            changed.Add("mode");
        // The journal keeps times to the millisecond: a finer difference is not one.
        var timeDiffers = stat.ModifiedAt.ToUnixTimeMilliseconds() != before.ModifiedUnixMs;
        if (timeDiffers)
            changed.Add("mtime");
        if (changed.Count > 0)
            ApplyMetadata(file, before, restoreTime: timeDiffers);
        return changed;
    }

    private static void ApplyMetadata(FileStream file, FileState before, bool restoreTime)
    {
        // chown first: it clears set-id bits, which chmod then puts back.
        UnixOwnership.Change(file.SafeFileHandle, (uint)before.Uid, (uint)before.Gid);
        File.SetUnixFileMode(file.SafeFileHandle, (UnixFileMode)before.Mode);
        if (restoreTime)
            File.SetLastWriteTimeUtc(file.SafeFileHandle, DateTimeOffset.FromUnixTimeMilliseconds(before.ModifiedUnixMs).UtcDateTime);
    }

    /// <summary>Copies the backup's content into <paramref name="output"/>; returns the hash of what was copied.</summary>
    private static string CopyVerified(FileState before, string backupPath, bool compressed, Stream output)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var content = OpenBackup(backupPath, compressed);
        var buffer = new byte[BufferSize];
        int read;
        long total = 0;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
            total += read;
            // A backup longer than the file was cannot be it; stop before copying gigabytes.
            if (total > before.Size)
                break;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Stream OpenBackup(string backupPath, bool compressed)
    {
        var file = new FileStream(backupPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        return compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static void TryDelete(DirectoryHandle directory, string name)
    {
        try
        {
            directory.Delete(name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Root's own 0600 leftover, named for what it is.
        }
    }

    private static void CopyExactly(Stream from, Stream to, long length)
    {
        var buffer = new byte[BufferSize];
        var left = length;
        while (left > 0)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
                throw new IOException($"ended {left} bytes early while copying");
            to.Write(buffer, 0, read);
            left -= read;
        }
    }
}
