using System.Runtime.InteropServices;

namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// rename(2) without its two surprises: it never replaces an existing target (RENAME_NOREPLACE,
/// atomically), and it never turns into a copy. .NET's File.Move does both — it overwrites or
/// silently copies and deletes across filesystems — and Anna must know which happened.
/// </summary>
public static class UnixRename
{
    private const int AtFdCwd = -100;
    private const uint RenameNoReplace = 1;
    private const int EExist = 17, EXDev = 18, EInval = 22, ENoSys = 38, ENotEmpty = 39;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    /// <exception cref="IOException">The rename failed for another reason (the source is gone, no permission, …).</exception>
    public static RenameOutcome NoReplace(string from, string to)
    {
        if (RenameAt2(AtFdCwd, from, AtFdCwd, to, RenameNoReplace) == 0)
            return RenameOutcome.Renamed;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is EInval or ENoSys)
        {
            // A filesystem without RENAME_NOREPLACE support: check, then rename. The window
            // between the two is the one every portable tool has; the paths Anna renames into
            // are root-only directories, where nobody else creates names.
            if (UnixStat.TryGet(to) is not null)
                return RenameOutcome.TargetExists;
            if (RenameAt2(AtFdCwd, from, AtFdCwd, to, 0) == 0)
                return RenameOutcome.Renamed;
            errno = Marshal.GetLastPInvokeError();
        }
        return errno switch
        {
            EXDev => RenameOutcome.CrossDevice,
            EExist or ENotEmpty => RenameOutcome.TargetExists,
            _ => throw new IOException($"cannot rename {from} to {to}: {Marshal.GetPInvokeErrorMessage(errno)}"),
        };
    }
}
