using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Anna.Core.Probes;

namespace Anna.Core.Tests.Probes;

public sealed class PendingPurgeEvidenceTests
{
    private static readonly MountEntry Var = new("/var", "ext4", "/dev/sda2", "8:2", false);
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DiskProbeOptions Defaults = new();

    private static FileSystemUsage Used(int percent, int inodePercent = 0) =>
        new(1L << 30, (1L << 30) * (100 - percent) / 100, (1L << 30) * (100 - percent) / 100, 100, 100 - inodePercent);

    [Fact]
    public void Quarantined_bytes_are_evidence_and_said_in_the_summary()
    {
        var issue = DiskSpaceProbe.Evaluate(Var, Used(90), Defaults, Now, pendingPurgeBytes: 300L << 20)!;

        Assert.Equal((300L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), issue.Evidence["pending_purge_bytes"]);
        Assert.Contains("300 MB of it is kept for undo", issue.Summary);
        Assert.Contains("pending purge", issue.Summary);
    }

    [Fact]
    public void None_quarantined_is_said_as_zero_and_unknown_is_not_said()
    {
        var none = DiskSpaceProbe.Evaluate(Var, Used(90), Defaults, Now, pendingPurgeBytes: 0)!;
        var unknown = DiskSpaceProbe.Evaluate(Var, Used(90), Defaults, Now)!;

        Assert.Equal("0", none.Evidence["pending_purge_bytes"]);
        Assert.DoesNotContain("pending purge", none.Summary);
        Assert.False(unknown.Evidence.ContainsKey("pending_purge_bytes"));
    }

    [Theory]
    [InlineData(94, 0, false)]
    [InlineData(95, 0, true)]
    [InlineData(10, 95, true)]
    [InlineData(10, 94, false)]
    public void Critical_means_past_a_critical_threshold_of_space_or_inodes(int percent, int inodePercent, bool critical) =>
        Assert.Equal(critical, Defaults.IsCritical(Used(percent, inodePercent)));

    [Fact]
    public void An_empty_report_is_never_critical() =>
        Assert.False(Defaults.IsCritical(new FileSystemUsage(0, 0, 0, 0, 0)));
}
