using Anna.Core.Linux.FileSystem;
using System.Text;

namespace Anna.Server.Configuration;

/// <summary>
/// Replaces a file so that readers (the watcher, an editor, a crash) see either the old content
/// or the new, never a half-written file: temp file in the same directory, fsync, rename.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Root-owned 0644, as a packaged /etc file would be.</summary>
    public const UnixFileMode DefaultMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;


    /// <summary>
    /// The file a write to <paramref name="path"/> replaces: through a symlink the target is what
    /// gets replaced; renaming over the link would turn it into a file.
    /// </summary>
    public static string TargetOf(string path)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
    }

    public static void Write(string path, string text)
    {
        var target = TargetOf(path);
        var directory = Path.GetDirectoryName(target) ?? throw new IOException($"{target} has no directory");
        var mode = File.Exists(target) ? File.GetUnixFileMode(target) : DefaultMode;
        var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode & ~UnixFileMode.GroupWrite & ~UnixFileMode.OtherWrite };
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            // The create mode went through the umask; the old file's mode is what the admin chose.
            File.SetUnixFileMode(temp, mode);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        // Makes the rename itself durable; best effort, the new content is already on disk.
        DirectorySync.Flush(directory);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
