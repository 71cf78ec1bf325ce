using System.Runtime.InteropServices;

namespace Anna.Server.Configuration;

/// <summary>
/// Owner and mode of a file. .NET exposes the mode (<see cref="File.GetUnixFileMode(string)"/>)
/// but not the owner, so this asks the kernel through statx(2): unlike struct stat, struct statx
/// has the same layout on every architecture, so no per-arch offsets are needed.
/// </summary>
internal static class UnixFileOwner
{
    private const int AtFdCwd = -100;
    private const uint StatxUidGidMode = 0x0002 | 0x0008 | 0x0010; // STATX_MODE | STATX_UID | STATX_GID
    private const int StatxSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;
    private const int ModeOffset = 28;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    /// <summary>Follows symlinks: what matters is who can write the content root will read.</summary>
    public static (uint Uid, uint Gid, UnixFileMode Mode) Stat(string path)
    {
        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, 0, StatxUidGidMode, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        var uid = BitConverter.ToUInt32(buffer, UidOffset);
        var gid = BitConverter.ToUInt32(buffer, GidOffset);
        var mode = (UnixFileMode)(BitConverter.ToUInt16(buffer, ModeOffset) & 0xFFF);
        return (uid, gid, mode);
    }
}
