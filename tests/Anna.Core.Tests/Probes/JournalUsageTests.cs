using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Processes;
using Anna.Core.Policy;
using Anna.Core.Probes;

namespace Anna.Core.Tests.Probes;

public sealed class JournalUsageTests
{
    private static ProcessResult Ran(int exit, string stdout, string stderr = "") => new(exit, stdout, stderr, TimeSpan.Zero, false);

    [Theory]
    [InlineData("Archived and active journals take up 1.2G in the file system.\n", 1288490189L)]
    [InlineData("Archived and active journals take up 8.0M in the file system.\n", 8L << 20)]
    [InlineData("Journals take up 512.0K on disk.\nArchived and active journals take up 0B in the file system.\n", 0L)]
    public void Disk_usage_is_parsed(string stdout, long expected) =>
        Assert.Equal(expected, JournalControl.Interpret(Ran(0, stdout)).Bytes);

    [Fact]
    public void No_journal_files_is_a_reason_not_zero()
    {
        var usage = JournalControl.Interpret(Ran(0, "Archived and active journals take up 0B in the file system.\n", "No journal files were found.\n"));

        Assert.Null(usage.Bytes);
        Assert.Contains("no journal files", usage.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_journalctl_is_a_reason()
    {
        var usage = JournalControl.Interpret(Ran(1, "", "Failed to open journal: Permission denied\n"));

        Assert.Contains("Permission denied", usage.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_journalctl_is_a_reason_not_a_crash()
    {
        var control = new JournalControl(new ProcessRunner(), "/nonexistent/journalctl");

        var usage = await control.DiskUsageAsync(CancellationToken.None);

        Assert.Null(usage.Bytes);
        Assert.Contains("not installed", usage.Unavailable, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024L << 20, false)]
    [InlineData((1024L << 20) + 1, true)]
    public void Journal_over_its_limit_is_an_issue(long bytes, bool expected)
    {
        var issue = LogsProbe.JournalIssue(bytes, new LogProbeOptions(), DateTimeOffset.UnixEpoch);

        Assert.Equal(expected, issue is not null);
        if (issue is not null)
            Assert.Equal((LogsProbe.JournalSubject, "1"), (issue.Subject, issue.Evidence["reclaimable_bytes"]));
    }
}
