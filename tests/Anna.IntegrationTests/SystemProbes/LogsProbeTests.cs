using Anna.Core.Linux;
using Anna.Testing;
using System.Globalization;
using System.Text.Json;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Processes;
using Anna.Core.Policy;
using Anna.Core.Probes;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>The logs probe on a real directory of big, old and linked files, and on this machine's journal.</summary>
public sealed class LogsProbeTests : IDisposable
{
    private readonly LogTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private LogsProbe Probe() => new(
        TestHealingConfig.WithLogs(new LogProbeOptions { Paths = [_tree.Root], MaxFileMegabytes = 1, MaxAgeDays = 30 }),
        new JournalControl(new ProcessRunner()),
        TimeProvider.System);

    [Fact]
    public async Task Big_and_old_files_under_the_path_are_one_log_size_issue()
    {
        var big = _tree.Write("app.log", 3 << 20);
        var nested = _tree.Write("nginx/access.log", (1 << 20) + 4096);
        var old = _tree.Write("old.log", 10_000);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-40));
        _tree.Write("fresh.log", 10_000);
        _tree.Write("already.1.gz", 2 << 20);
        _tree.Write("system.journal", 2 << 20);
        var outside = _tree.Write("huge.log", 3 << 20, under: _tree.Outside);
        File.CreateSymbolicLink(Path.Combine(_tree.Root, "linked.log"), outside);
        Directory.CreateSymbolicLink(Path.Combine(_tree.Root, "linked-dir"), _tree.Outside);

        var issue = Assert.Single(await Probe().ScanAsync(CancellationToken.None), i => i.Subject == _tree.Root);

        Assert.Equal((IssueKind.LogSize, IssueSeverity.Warning), (issue.Kind, issue.Severity));
        var oversized = Paths(issue.Evidence["oversized_files"]);
        Assert.Equal([big, nested], oversized.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal([old], Paths(issue.Evidence["old_files"]).Select(f => f.Path));
        var expected = new[] { big, nested, old }.Sum(p => new FileInfo(p).Length);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), issue.Evidence["reclaimable_bytes"]);
        Assert.Equal(new FileInfo(big).Length, oversized.Single(f => f.Path == big).Bytes);
        Assert.Equal(("2", "1"), (issue.Evidence["oversized_count"], issue.Evidence["old_count"]));
    }

    [Fact]
    public async Task A_tidy_directory_has_no_issue()
    {
        _tree.Write("small.log", 1000);

        Assert.DoesNotContain(await Probe().ScanAsync(CancellationToken.None), i => i.Subject == _tree.Root);
    }

    [Fact]
    public async Task The_probe_reports_the_journal_as_journalctl_itself_measures_it()
    {
        _tree.Write("app.log", 2 << 20);
        var probe = Probe();
        var usage = await new JournalControl(new ProcessRunner()).DiskUsageAsync(CancellationToken.None);

        var issues = await probe.ScanAsync(CancellationToken.None);

        // Whatever this machine's journald keeps, the probe says the same as journalctl asked directly.
        var files = Assert.Single(issues, i => i.Subject == _tree.Root);
        var expected = usage.Bytes is { } bytes ? ByteSize.Format(bytes) : $"skipped: {usage.Unavailable}";
        Assert.Equal(expected, files.Evidence["journal"]);
        Assert.Equal(usage.Unavailable, probe.JournalSkipped);
    }

    [Fact]
    public async Task A_journal_that_cannot_be_measured_is_skipped_with_the_reason_and_raises_nothing()
    {
        _tree.Write("app.log", 2 << 20);
        var missing = Path.Combine(_tree.Root, "no-such-journalctl");
        var probe = new LogsProbe(
            TestHealingConfig.WithLogs(new LogProbeOptions { Paths = [_tree.Root], MaxFileMegabytes = 1, MaxAgeDays = 30, JournalMaxMegabytes = 1 }),
            new JournalControl(new ProcessRunner(), missing),
            TimeProvider.System);

        var issues = await probe.ScanAsync(CancellationToken.None);

        Assert.False(string.IsNullOrWhiteSpace(probe.JournalSkipped));
        var files = Assert.Single(issues, i => i.Subject == _tree.Root);
        Assert.Equal($"skipped: {probe.JournalSkipped}", files.Evidence["journal"]);
        Assert.DoesNotContain(issues, i => i.Subject == LogsProbe.JournalSubject);
    }

    [Fact]
    public async Task Another_filesystem_mounted_under_the_path_is_not_entered()
    {
        var mountPoint = Directory.CreateDirectory(Path.Combine(_tree.Root, "mounted")).FullName;
        using var tmpfs = await TmpfsMount.CreateAsync("size=8m", at: mountPoint);
        _tree.Write("big.log", 3 << 20, under: mountPoint);

        Assert.DoesNotContain(await Probe().ScanAsync(CancellationToken.None), i => i.Subject == _tree.Root);
    }

    [Fact]
    public async Task The_walk_stops_after_ten_thousand_entries_and_says_so()
    {
        var crowd = Directory.CreateDirectory(Path.Combine(_tree.Root, "a-crowd")).FullName;
        for (var i = 0; i < LogWalker.DefaultMaxEntries + 10; i++)
            File.Create(Path.Combine(crowd, $"{i}.log")).Dispose();
        var old = _tree.Write("old.log", 100);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-90));

        var budget = LogWalker.DefaultMaxEntries;
        var scan = LogWalker.Walk(_tree.Root, 1 << 20, DateTimeOffset.UtcNow.AddDays(-30), ref budget);
        var issues = await Probe().ScanAsync(CancellationToken.None);

        Assert.True(scan.Truncated);
        Assert.Equal((LogWalker.DefaultMaxEntries, 0), (scan.EntriesSeen, budget));
        var issue = issues.SingleOrDefault(i => i.Subject == _tree.Root);
        if (issue is not null)
            Assert.Contains("lists are partial", issue.Evidence["walk_truncated"], StringComparison.Ordinal);
    }

    private static List<(string Path, long Bytes)> Paths(string json) =>
        [.. JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("bytes").GetInt64()))];
}
