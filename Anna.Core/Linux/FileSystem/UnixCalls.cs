using System.Runtime.InteropServices;

namespace Anna.Core.Linux.FileSystem;

/// <summary>The *at(2) system calls <see cref="DirectoryHandle"/> works with; .NET has none of them.</summary>
internal static class UnixCalls
{
    public const int AtFdCwd = -100;
    public const int ReadOnly = 0, WriteOnly = 1, ReadWrite = 2;
    public const int Create = 0x40, Exclusive = 0x80, NoControllingTerminal = 0x100, NonBlocking = 0x800;
    public const int DirectoryOnly = 0x10000, NoFollow = 0x20000, CloseOnExec = 0x80000;
    public const int RemoveDirectory = 0x200; // AT_REMOVEDIR
    public const uint RenameNoReplace = 1;
    public const int ENoEnt = 2, EExist = 17, EXDev = 18, ENotDir = 20, EInval = 22, ENoSys = 38, ENotEmpty = 39, ELoop = 40, EPerm = 1, E2Big = 7;

    // openat2(2): resolve the whole relative path in the kernel, refusing every symbolic link on the
    // way and any escape above the starting directory. 437 on every architecture that has it.
    private const long Openat2Syscall = 437;
    private const ulong ResolveNoMagicLinks = 0x02, ResolveNoSymlinks = 0x04, ResolveBeneath = 0x08;

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static extern int OpenAt(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern long Syscall(long number, int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref OpenHow how, nuint size);

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    public static extern int RenameAt2(int oldDirectoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirectoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    public static extern int UnlinkAt(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "linkat", SetLastError = true)]
    public static extern int LinkAt(int oldDirectoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirectoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static extern int Fsync(int fd);

    private static int _openat2 = 1; // 1 unknown/usable, 0 the kernel has none

    /// <summary>
    /// openat2 with RESOLVE_NO_SYMLINKS|RESOLVE_BENEATH; -1 with errno set on failure, or -2 when
    /// the kernel (or a seccomp filter) does not offer it and the caller must walk instead.
    /// </summary>
    public static int OpenBeneath(int directoryFd, string relative, int flags)
    {
        if (Volatile.Read(ref _openat2) == 0)
            return -2;
        var how = new OpenHow { Flags = (ulong)flags, Resolve = ResolveNoSymlinks | ResolveBeneath | ResolveNoMagicLinks };
        var fd = Syscall(Openat2Syscall, directoryFd, relative, ref how, (nuint)Marshal.SizeOf<OpenHow>());
        if (fd >= 0)
            return (int)fd;
        if (Marshal.GetLastPInvokeError() is ENoSys or EPerm or E2Big)
        {
            Volatile.Write(ref _openat2, 0);
            return -2;
        }
        return -1;
    }

    public static string Error(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    public static int LastError => Marshal.GetLastPInvokeError();
}
