using System.Runtime.InteropServices;

namespace Anna.IntegrationTests.SystemProbes;

internal static class LibcForTests
{
    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    private const int WriteOnlyAppend = 0x1 | 0x400; // O_WRONLY | O_APPEND

    /// <summary>A stream on an O_APPEND descriptor: every write lands at the current end of the file.</summary>
    public static FileStream OpenForAppend(string path)
    {
        var fd = Open(path, WriteOnlyAppend);
        if (fd < 0)
            throw new IOException($"open {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    public static void Change(string path, uint uid, uint gid)
    {
        if (Chown(path, uid, gid) != 0)
            throw new IOException($"chown {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }
}
