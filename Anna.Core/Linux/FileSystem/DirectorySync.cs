using System.Runtime.InteropServices;

namespace Anna.Core.Linux.FileSystem;

/// <summary>fsync(2) on a directory: makes a rename or an unlink in it durable, not only the file's content.</summary>
public static class DirectorySync
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    /// <summary>Best effort: the file's own content is already on disk; a crash can at worst lose the rename.</summary>
    public static void Flush(string directory)
    {
        var fd = Open(directory, ReadOnlyDirectory);
        if (fd < 0)
            return;
        _ = Fsync(fd);
        _ = Close(fd);
    }
}
