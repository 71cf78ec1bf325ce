using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Tests.Linux.FileSystem;

public sealed class FileSystemUsageTests
{
    [Fact]
    public void Used_percent_counts_reserved_blocks_as_unavailable_like_df()
    {
        // 100 blocks, 20 free, of which 5 are reserved for root: used 80 / (80 + 15).
        var usage = new FileSystemUsage(100, 20, 15, 10, 5);

        Assert.Equal(100.0 * 80 / 95, usage.UsedPercent, 6);
        Assert.Equal(50, usage.InodesUsedPercent, 6);
    }

    [Fact]
    public void Filesystems_without_inode_counts_report_zero() =>
        Assert.Equal(0, new FileSystemUsage(100, 50, 50, 0, 0).InodesUsedPercent);

    [Fact]
    public void Root_filesystem_can_be_read()
    {
        var usage = FileSystemUsage.Of("/");

        Assert.True(usage.TotalBytes > 0);
        Assert.InRange(usage.AvailableBytes, 0, usage.TotalBytes);
    }
}
