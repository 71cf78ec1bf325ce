using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Anna.Core.Probes;

namespace Anna.Core.Tests.Probes;

public sealed class DiskThresholdTests
{
    private static readonly MountEntry Var = new("/var", "ext4", "/dev/sda2", "8:2", false);
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DiskProbeOptions Defaults = new();

    // total 1000, nothing reserved: used percent = 100 - free / 10.
    private static FileSystemUsage Used(int percent, int inodePercent = 0) =>
        new(1000, 1000 - percent * 10, 1000 - percent * 10, 100, 100 - inodePercent);

    [Theory]
    [InlineData(79, null)]
    [InlineData(80, IssueSeverity.Warning)]
    [InlineData(94, IssueSeverity.Warning)]
    [InlineData(95, IssueSeverity.Critical)]
    [InlineData(100, IssueSeverity.Critical)]
    public void Space_thresholds_are_inclusive(int percent, IssueSeverity? expected) =>
        Assert.Equal(expected, DiskSpaceProbe.Evaluate(Var, Used(percent), Defaults, Now)?.Severity);

    [Theory]
    [InlineData(79, null)]
    [InlineData(80, IssueSeverity.Warning)]
    [InlineData(95, IssueSeverity.Critical)]
    public void Inode_thresholds_raise_the_issue_on_their_own(int inodePercent, IssueSeverity? expected) =>
        Assert.Equal(expected, DiskSpaceProbe.Evaluate(Var, Used(10, inodePercent), Defaults, Now)?.Severity);

    [Fact]
    public void The_worse_of_space_and_inodes_decides()
    {
        var issue = DiskSpaceProbe.Evaluate(Var, Used(85, 96), Defaults, Now)!;

        Assert.Equal(IssueSeverity.Critical, issue.Severity);
    }

    [Fact]
    public void Thresholds_come_from_the_options()
    {
        var strict = new DiskProbeOptions { WarningPercent = 50, CriticalPercent = 60 };

        Assert.Equal(IssueSeverity.Critical, DiskSpaceProbe.Evaluate(Var, Used(60), strict, Now)!.Severity);
    }

    [Fact]
    public void Evidence_carries_the_numbers()
    {
        var usage = new FileSystemUsage(10L << 30, (long)(2.3 * (1 << 30)), (long)(2.3 * (1 << 30)), 1000, 100);

        var issue = DiskSpaceProbe.Evaluate(Var, usage, Defaults, Now)!;

        Assert.Equal((IssueKind.LowDisk, "/var"), (issue.Kind, issue.Subject));
        Assert.Equal("/var", issue.Evidence["mount_point"]);
        Assert.Equal("ext4", issue.Evidence["filesystem"]);
        Assert.Equal("77.0", issue.Evidence["used_percent"]);
        Assert.Equal("90.0", issue.Evidence["inodes_used_percent"]);
        Assert.Equal(((long)(2.3 * (1 << 30))).ToString(System.Globalization.CultureInfo.InvariantCulture), issue.Evidence["free_bytes"]);
        Assert.Equal((10L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture), issue.Evidence["total_bytes"]);
        Assert.Equal("2.3 GB", issue.Evidence["free"]);
        Assert.Contains("inodes", issue.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_filesystem_report_is_ignored() =>
        Assert.Null(DiskSpaceProbe.Evaluate(Var, new FileSystemUsage(0, 0, 0, 0, 0), Defaults, Now));
}
