using System.Runtime.InteropServices;

namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// Asks the kernel whether another process holds a POSIX (fcntl) write lock on a file — the kind
/// dpkg and apt take on their lock files — without taking it. F_GETLK only tests; it never locks.
/// </summary>
/// <remarks>
/// The file is opened read-only and closed again. Closing a descriptor drops every fcntl lock this
/// process holds on the file, which is harmless here: Anna never holds these locks itself, apt and
/// dpkg (child processes) do.
/// </remarks>
public static class FcntlLockQuery
{
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000;
    private const int FGetLk = 5;
    private const short FWrLck = 1;
    private const short FUnLck = 2;
    private const int ENoEnt = 2;

    /// <summary>struct flock as glibc lays it out on 64-bit Linux (x86_64 and aarch64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    /// <summary>
    /// The pid of a process holding a lock on the file (0 when the kernel cannot say, e.g. an
    /// open-file-description lock), or null when nobody holds one or the file does not exist.
    /// </summary>
    public static int? Holder(string path)
    {
        var fd = Open(path, ORdOnly | OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == ENoEnt)
                return null;
            throw new IOException($"cannot open {path} to test its lock: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        try
        {
            var probe = new Flock { Type = FWrLck, Whence = 0, Start = 0, Length = 0 };
            if (Fcntl(fd, FGetLk, ref probe) < 0)
                throw new IOException($"cannot test the lock on {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            return probe.Type == FUnLck ? null : Math.Max(probe.Pid, 0);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int cmd, ref Flock lockInfo);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);
}
