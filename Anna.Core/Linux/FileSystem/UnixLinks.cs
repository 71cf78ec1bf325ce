using System.Runtime.InteropServices;

namespace Anna.Core.Linux.FileSystem;

/// <summary>Hard links and canonical paths; .NET has neither.</summary>
public static class UnixLinks
{
    private const int CrossDevice = 18;   // EXDEV
    private const int NotPermitted = 1;   // EPERM: a filesystem without hard links
    private const int TooManyLinks = 31;  // EMLINK

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string created);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);

    /// <summary>
    /// Makes <paramref name="created"/> a second name of <paramref name="existing"/>. False when the
    /// filesystem cannot (another filesystem, no hard links there, too many links): copy instead.
    /// </summary>
    public static bool TryHardLink(string existing, string created)
    {
        if (Link(existing, created) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is CrossDevice or NotPermitted or TooManyLinks)
            return false;
        throw new IOException($"cannot link {existing} to {created}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>The absolute path with every symbolic link resolved (realpath(3)); the path must exist.</summary>
    public static string Resolve(string path)
    {
        var resolved = RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
            throw new IOException($"cannot resolve {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            // realpath allocated it with malloc.
            Free(resolved);
        }
    }
}
