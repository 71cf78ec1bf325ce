using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Anna.Core.Linux.FileSystem;

/// <summary>Sets a file's owner; .NET has no API for it.</summary>
internal static class UnixOwnership
{
    [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    private static extern int LChown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static extern int FChown(int fd, uint owner, uint group);

    /// <summary>lchown: never follows a link, so a link swapped in cannot hand root's chown to another file.</summary>
    public static void Change(string path, uint uid, uint gid)
    {
        if (LChown(path, uid, gid) != 0)
            throw new IOException($"cannot chown {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>fchown: the file already opened (and checked) is the one that changes owner, whatever its name points at now.</summary>
    public static void Change(SafeFileHandle handle, uint uid, uint gid)
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
}
