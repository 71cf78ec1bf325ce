using System.Runtime.InteropServices;

namespace Anna.Core.Linux.FileSystem;

/// <summary>Space and inodes of one mounted filesystem, from statvfs(3), counted the way df counts them.</summary>
public sealed record FileSystemUsage(long TotalBytes, long FreeBytes, long AvailableBytes, long TotalInodes, long FreeInodes)
{
    // struct statvfs on 64-bit glibc (x86_64, aarch64): eleven 8-byte fields, then spare ints.
    private const int FrsizeOffset = 8, BlocksOffset = 16, BfreeOffset = 24, BavailOffset = 32;
    private const int FilesOffset = 40, FfreeOffset = 48, FlagOffset = 72;
    private const ulong ReadOnlyFlag = 1; // ST_RDONLY
    private const int BufferSize = 256;

    [DllImport("libc", EntryPoint = "statvfs", SetLastError = true)]
    private static extern int StatVfs([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    public static FileSystemUsage Of(string path)
    {
        if (!Environment.Is64BitProcess)
            throw new PlatformNotSupportedException("statvfs layout is only known for 64-bit Linux");
        var buffer = new byte[BufferSize];
        if (StatVfs(path, buffer) != 0)
            throw new IOException($"cannot statvfs {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        var fragment = (long)BitConverter.ToUInt64(buffer, FrsizeOffset);
        long Blocks(int offset) => (long)BitConverter.ToUInt64(buffer, offset) * fragment;
        return new FileSystemUsage(
            Blocks(BlocksOffset), Blocks(BfreeOffset), Blocks(BavailOffset),
            (long)BitConverter.ToUInt64(buffer, FilesOffset), (long)BitConverter.ToUInt64(buffer, FfreeOffset))
        {
            ReadOnly = (BitConverter.ToUInt64(buffer, FlagOffset) & ReadOnlyFlag) != 0,
        };
    }

    /// <summary>The filesystem is mounted read-only: nothing on it can be written.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Percent used as df computes it: used / (used + available to users), so the blocks reserved
    /// for root count as unavailable — that is when ordinary services start to fail. df rounds
    /// up for display; this stays exact so a threshold means what it says.
    /// </summary>
    public double UsedPercent
    {
        get
        {
            var used = TotalBytes - FreeBytes;
            var denominator = used + AvailableBytes;
            return denominator <= 0 ? 0 : 100.0 * used / denominator;
        }
    }

    /// <summary>Percent of inodes in use; 0 for filesystems without a fixed inode table (btrfs reports 0 total).</summary>
    public double InodesUsedPercent =>
        TotalInodes <= 0 ? 0 : 100.0 * (TotalInodes - FreeInodes) / TotalInodes;
}
