using System.Runtime.InteropServices;

namespace Anna.Core.Linux.FileSystem;

/// <summary>Sets a file's owner; .NET has no API for it.</summary>
internal static class UnixOwnership
{
    [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    private static extern int LChown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static extern int FChown(int fd, uint owner, uint group);

    /// <summary>fchown on an open file: the file checked and opened is the one changed, whatever happens to its name meanwhile.</summary>
    public static void Change(Microsoft.Win32.SafeHandles.SafeFileHandle handle, uint uid, uint gid)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (FChown((int)handle.DangerousGetHandle(), uid, gid) != 0)
                throw new IOException($"cannot chown an open file: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>lchown: never follows a link, so a link swapped in cannot hand root's chown to another file.</summary>
    public static void Change(string path, uint uid, uint gid)
    {
        if (LChown(path, uid, gid) != 0)
            throw new IOException($"cannot chown {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }
}
