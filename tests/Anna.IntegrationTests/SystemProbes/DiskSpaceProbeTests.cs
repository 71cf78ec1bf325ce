using Anna.Testing;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Probes;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>The disk probe on a real 8 MB tmpfs, filled past the thresholds.</summary>
public sealed class DiskSpaceProbeTests
{
    private static readonly TestHealingConfig Defaults = new(new HealingOptions());

    [Fact]
    public async Task A_filling_tmpfs_warns_at_80_percent_then_is_critical_at_95()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=8m");
        var probe = new DiskSpaceProbe(Defaults, TimeProvider.System, extraMountPoints: [tmpfs.Path]);
        var total = new DriveInfo(tmpfs.Path).TotalSize;

        Assert.Null(await IssueFor(probe, tmpfs.Path));

        tmpfs.Fill("a", total * 82 / 100);
        var warning = await IssueFor(probe, tmpfs.Path);
        Assert.NotNull(warning);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        AssertNumbers(warning, tmpfs.Path, 82);

        tmpfs.Fill("b", total * 14 / 100);
        var critical = await IssueFor(probe, tmpfs.Path);
        Assert.NotNull(critical);
        Assert.Equal(IssueSeverity.Critical, critical.Severity);
        AssertNumbers(critical, tmpfs.Path, 96);
        Assert.Contains("free of 8 MB", critical.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_out_of_inodes_is_low_disk_too()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=8m,nr_inodes=50");
        var probe = new DiskSpaceProbe(Defaults, TimeProvider.System, extraMountPoints: [tmpfs.Path]);

        for (var i = 0; i < 44; i++)
            await File.WriteAllTextAsync(Path.Combine(tmpfs.Path, $"f{i}"), "x");

        var issue = await IssueFor(probe, tmpfs.Path);
        Assert.NotNull(issue);
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.InRange(double.Parse(issue.Evidence["inodes_used_percent"], CultureInfo.InvariantCulture), 80, 95);
        Assert.Contains("inodes", issue.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tmpfs_is_not_watched_unless_asked_for()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=8m");
        tmpfs.Fill("a", new DriveInfo(tmpfs.Path).TotalSize * 97 / 100);

        var issues = await new DiskSpaceProbe(Defaults, TimeProvider.System).ScanAsync(CancellationToken.None);

        Assert.DoesNotContain(issues, i => i.Subject == tmpfs.Path);
    }

    [Fact]
    public async Task A_copy_of_mountinfo_can_be_given_as_the_mount_table()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=8m");
        tmpfs.Fill("a", new DriveInfo(tmpfs.Path).TotalSize * 97 / 100);
        var table = Path.GetTempFileName();
        try
        {
            var ours = File.ReadAllLines("/proc/self/mountinfo").Where(l => l.Contains($" {tmpfs.Path} ", StringComparison.Ordinal));
            // Listed as ext4 here, so the ordinary rule takes it in without an extra mount point.
            await File.WriteAllLinesAsync(table, ours.Select(l => l.Replace(" - tmpfs ", " - ext4 ", StringComparison.Ordinal)));

            var issue = Assert.Single(await new DiskSpaceProbe(Defaults, TimeProvider.System, table).ScanAsync(CancellationToken.None));

            Assert.Equal((tmpfs.Path, IssueSeverity.Critical), (issue.Subject, issue.Severity));
        }
        finally
        {
            File.Delete(table);
        }
    }

    private static async Task<Issue?> IssueFor(DiskSpaceProbe probe, string mountPoint) =>
        (await probe.ScanAsync(CancellationToken.None)).SingleOrDefault(i => i.Subject == mountPoint);

    /// <summary>The evidence agrees with what the kernel says through an independent reading.</summary>
    private static void AssertNumbers(Issue issue, string mountPoint, double expectedPercent)
    {
        var drive = new DriveInfo(mountPoint);
        Assert.Equal(mountPoint, issue.Evidence["mount_point"]);
        Assert.Equal("tmpfs", issue.Evidence["filesystem"]);
        Assert.Equal(drive.TotalSize.ToString(CultureInfo.InvariantCulture), issue.Evidence["total_bytes"]);
        Assert.Equal(drive.AvailableFreeSpace.ToString(CultureInfo.InvariantCulture), issue.Evidence["free_bytes"]);
        var used = double.Parse(issue.Evidence["used_percent"], CultureInfo.InvariantCulture);
        Assert.InRange(used, expectedPercent - 1, expectedPercent + 1);
        Assert.Equal(100.0 * (drive.TotalSize - drive.AvailableFreeSpace) / drive.TotalSize, used, 1);
        Assert.True(issue.Evidence.ContainsKey("inodes_used_percent"));
    }
}
