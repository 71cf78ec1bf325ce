using System.Runtime.InteropServices;

namespace Anna.Core.Linux.FileSystem;

/// <summary>Sets a file's owner; .NET has no API for it.</summary>
internal static class UnixOwnership
{
    [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
    private static extern int LChown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    /// <summary>lchown: never follows a link, so a link swapped in cannot hand root's chown to another file.</summary>
    public static void Change(string path, uint uid, uint gid)
    {
        if (LChown(path, uid, gid) != 0)
            throw new IOException($"cannot chown {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }
}
