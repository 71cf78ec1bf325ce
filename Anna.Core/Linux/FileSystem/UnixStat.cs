using System.Runtime.InteropServices;

namespace Anna.Core.Linux.FileSystem;

/// <summary>What lstat-like statx(2) says about one path, without following a final symlink.</summary>
public sealed record UnixStat(
    UnixFileType Type,
    uint Uid,
    uint Gid,
    UnixFileMode Mode,
    long Size,
    long AllocatedBytes,
    DateTimeOffset ModifiedAt,
    ulong Device,
    ulong Inode)
{
    /// <summary>Hard links to the inode: a file with more than one name may be another file's second name.</summary>
    public uint Links { get; init; } = 1;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x07ff;
    private const int BufferSize = 256;

    // struct statx has one layout on every Linux architecture.
    private const int LinksOffset = 16, InodeOffset = 32, UidOffset = 20, GidOffset = 24, ModeOffset = 28, SizeOffset = 40, BlocksOffset = 48;
    private const int MtimeOffset = 112, DevMajorOffset = 136, DevMinorOffset = 140;

    private const int AtEmptyPath = 0x1000;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    /// <summary>
    /// The facts about an open file. Compared with <see cref="TryGet"/> taken before opening, it
    /// proves the file opened is the one that was checked, not a link swapped in between.
    /// </summary>
    public static UnixStat Of(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var buffer = new byte[BufferSize];
            if (Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, buffer) != 0)
                throw new IOException($"cannot stat an open file: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            return FromBuffer(buffer);
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>Same file: same device and inode.</summary>
    public bool SameFileAs(UnixStat other) => Device == other.Device && Inode == other.Inode;

    /// <summary>The facts about <paramref name="path"/>, or null when it does not exist.</summary>
    public static UnixStat? TryGet(string path) => TryGetAt(AtFdCwd, path);

    /// <summary>fstatat(AT_SYMLINK_NOFOLLOW) of <paramref name="path"/> relative to the open directory <paramref name="directoryFd"/>.</summary>
    internal static UnixStat? TryGetAt(int directoryFd, string path)
    {
        var buffer = new byte[BufferSize];
        if (Statx(directoryFd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is 2 or 20) // ENOENT, ENOTDIR
                return null;
            throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        return FromBuffer(buffer);
    }

    private static UnixStat FromBuffer(byte[] buffer)
    {
        var mode = BitConverter.ToUInt16(buffer, ModeOffset);
        var seconds = BitConverter.ToInt64(buffer, MtimeOffset);
        var nanos = BitConverter.ToUInt32(buffer, MtimeOffset + 8);
        var major = BitConverter.ToUInt32(buffer, DevMajorOffset);
        var minor = BitConverter.ToUInt32(buffer, DevMinorOffset);
        return new UnixStat(
            TypeOf(mode),
            BitConverter.ToUInt32(buffer, UidOffset),
            BitConverter.ToUInt32(buffer, GidOffset),
            (UnixFileMode)(mode & 0xFFF),
            (long)BitConverter.ToUInt64(buffer, SizeOffset),
            (long)BitConverter.ToUInt64(buffer, BlocksOffset) * 512,
            DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100),
            ((ulong)major << 32) | minor,
            BitConverter.ToUInt64(buffer, InodeOffset))
        {
            Links = BitConverter.ToUInt32(buffer, LinksOffset),
        };
    }

    private static UnixFileType TypeOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => UnixFileType.Regular,
        0x4000 => UnixFileType.Directory,
        0xA000 => UnixFileType.Symlink,
        _ => UnixFileType.Other,
    };
}
