using Anna.Core.Linux;
using Anna.Testing;
using System.IO.Compression;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Processes;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>Rotating real log files: the dry run touches nothing, the real run compresses and empties in place.</summary>
public sealed class RotateLogsActionTests : IDisposable
{
    private readonly LogTree _tree = new();
    private readonly TestHealingConfig _config;
    private readonly RotateLogsAction _action;
    private readonly List<ActionScope> _scopes = [];

    public RotateLogsActionTests()
    {
        _config = TestHealingConfig.WithLogs(new LogProbeOptions { Paths = [_tree.Root], MaxFileMegabytes = 1 });
        _action = new RotateLogsAction(_config, TimeProvider.System);
    }

    public void Dispose()
    {
        foreach (var scope in _scopes)
            DetachedScope.Delete(scope);
        _tree.Dispose();
    }

    /// <summary>A scope of its own for each run: its backups are removed with the test.</summary>
    private ActionScope Scope()
    {
        var scope = DetachedScope.Create();
        _scopes.Add(scope);
        return scope;
    }

    private long Limit => 1L << 20;

    [Fact]
    public async Task Dry_run_lists_what_would_be_freed_and_changes_nothing()
    {
        var big = _tree.Write("app.log", 3 << 20);
        _tree.Write("small.log", 1000);
        var before = _tree.Snapshot();

        var issue = await ScanAsync();
        Assert.True(_action.CanHeal(issue));
        var result = await _action.DryRunAsync(issue, CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains($"would compress {big} ({ByteSize.Format(new FileInfo(big).Length)}) to {big}.1.gz", result.Detail, StringComparison.Ordinal);
        Assert.Contains("Would rotate 1 file(s)", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, _tree.Snapshot());
    }

    [Fact]
    public async Task Names_below_a_directory_only_root_can_list_are_not_shown_in_evidence_dry_run_result_or_undo_steps()
    {
        // Like /var/log/private (0700): root reads and rotates it, viewers of the dashboard must not learn what is in it.
        var secret = _tree.Write("private/customer-acme-billing.log", 3 << 20);
        var hidden = Path.Combine(_tree.Root, "private");
        File.SetUnixFileMode(hidden, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var open = _tree.Write("app.log", 2 << 20);

        var issue = await ScanAsync();
        var dryRun = await _action.DryRunAsync(issue, CancellationToken.None);
        var scope = Scope();
        var result = await _action.ExecuteAsync(issue, scope, CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(0, new FileInfo(secret).Length); // rotated all the same
        var shown = new[] { issue.Summary, dryRun.Detail, result.Detail }
            .Concat(issue.Evidence.Values).Concat(scope.Snapshot.Steps.Select(s => s.Describe())).ToList();
        Assert.DoesNotContain(shown, text => text.Contains("customer-acme", StringComparison.Ordinal));
        Assert.Contains($"{hidden}/…: 1 file(s) rotated, 0 left (names hidden: only root can list {hidden})", result.Detail, StringComparison.Ordinal);
        Assert.Contains($"{hidden}/…: 1 file(s) would be rotated", dryRun.Detail, StringComparison.Ordinal);
        var listed = System.Text.Json.JsonDocument.Parse(issue.Evidence["oversized_files"]).RootElement.EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Equal([$"{hidden}/… (names hidden: only root can list {hidden})", open], listed);
        Assert.Contains(scope.Snapshot.Steps, s => s.Describe() == $"restore {hidden}/… (names hidden: only root can list {hidden}) from its backup in place");
        // A log others can list is named as before.
        Assert.Contains($"{open} (", result.Detail, StringComparison.Ordinal);
        Assert.Contains(scope.Snapshot.Steps, s => s.Describe() == $"restore {open} from its backup in place");
    }

    [Fact]
    public async Task Rotation_compresses_a_copy_with_owner_mode_and_mtime_and_empties_the_original()
    {
        var big = _tree.Write("app.log", 3 << 20);
        var content = LogTree.Hash(big);
        File.SetUnixFileMode(big, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        LibcForTests.Change(big, 1234, 2345);
        var modified = new DateTime(2026, 11, 1, 12, 30, 15, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(big, modified);
        var original = UnixStat.TryGet(big)!;

        var result = await _action.ExecuteAsync(await ScanAsync(), Scope(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains("Rotated 1 of 1 file(s)", result.Detail, StringComparison.Ordinal);
        var emptied = UnixStat.TryGet(big)!;
        Assert.Equal(0, emptied.Size);
        Assert.True(emptied.SameFileAs(original), "the original must be emptied in place, not replaced");
        Assert.Equal((1234u, 2345u, original.Mode), (emptied.Uid, emptied.Gid, emptied.Mode));

        var copy = UnixStat.TryGet(big + ".1.gz")!;
        Assert.Equal((1234u, 2345u, original.Mode), (copy.Uid, copy.Gid, copy.Mode));
        Assert.Equal(modified, copy.ModifiedAt.UtcDateTime);
        Assert.True(copy.Size < original.Size / 5, "a log compresses well");
        Assert.Equal(content, Decompressed(big + ".1.gz"));
        Assert.DoesNotContain(Directory.EnumerateFiles(_tree.Root, ".*"), p => p.Contains("anna-rotate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rotation_whose_backup_would_not_fit_in_the_data_directory_changes_nothing()
    {
        // Anna's data directory on a small filesystem of its own: a 12 MB log's backup may need more than it has.
        using var small = await TmpfsMount.CreateAsync("size=8m");
        var scope = ActionScope.Detached(new RollbackStorage(Path.Combine(small.Path, "anna")), journalId: 1);
        var big = _tree.Write("app.log", 12 << 20);
        var content = LogTree.Hash(big);

        var result = await _action.ExecuteAsync(await ScanAsync(), scope, CancellationToken.None);

        Assert.False(result.Succeeded, result.Detail);
        Assert.Contains("free for undo backups in", result.Detail, StringComparison.Ordinal);
        Assert.Equal(content, LogTree.Hash(big));
        Assert.False(File.Exists(big + ".1.gz"));
        Assert.Empty(scope.Snapshot.Steps);
    }

    [Fact]
    public async Task An_appending_writer_keeps_its_descriptor_and_its_next_line_lands_in_the_emptied_file()
    {
        var big = _tree.Write("app.log", 2 << 20);
        // Opened as syslog daemons and web servers open their logs: O_APPEND. (.NET's FileMode.Append is not.)
        using var writer = LibcForTests.OpenForAppend(big);

        Assert.True((await _action.ExecuteAsync(await ScanAsync(), Scope(), CancellationToken.None)).Succeeded);
        writer.Write("after rotation\n"u8);
        writer.Flush();

        Assert.Equal("after rotation\n", await File.ReadAllTextAsync(big));
    }

    [Fact]
    public async Task A_second_rotation_shifts_the_first_copy_instead_of_overwriting_it()
    {
        var big = _tree.Write("app.log", 2 << 20);
        Assert.True((await _action.ExecuteAsync(await ScanAsync(), Scope(), CancellationToken.None)).Succeeded);
        var first = LogTree.Hash(big + ".1.gz");

        _tree.Write("app.log", 2 << 20);
        var second = LogTree.Hash(big);
        var result = await _action.ExecuteAsync(await ScanAsync(), Scope(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal(first, LogTree.Hash(big + ".2.gz"));
        Assert.Equal(second, Decompressed(big + ".1.gz"));
    }

    [Fact]
    public async Task A_symlink_pointing_outside_the_root_is_refused_and_its_target_untouched()
    {
        var outside = _tree.Write("secret.log", 3 << 20, under: _tree.Outside);
        var link = Path.Combine(_tree.Root, "app.log");
        File.CreateSymbolicLink(link, outside);
        Directory.CreateSymbolicLink(Path.Combine(_tree.Root, "dir"), _tree.Outside);
        _tree.Write("real.log", 2 << 20);
        var before = LogTree.Hash(outside);

        var plan = LogRotator.Plan(link, [_tree.Root], Limit);
        var throughDirectory = LogRotator.Plan(Path.Combine(_tree.Root, "dir", "secret.log"), [_tree.Root], Limit);
        var result = await _action.ExecuteAsync(await ScanAsync(), Scope(), CancellationToken.None);

        Assert.Equal($"{link} is a symbolic link; Anna does not follow links under a log path", plan.Refused);
        Assert.Contains("is a symbolic link", throughDirectory.Refused, StringComparison.Ordinal);
        Assert.True(result.Succeeded, result.Detail);
        Assert.DoesNotContain(outside, result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, LogTree.Hash(outside));
        Assert.False(File.Exists(outside + ".1.gz"));
        Assert.Equal(0, new FileInfo(Path.Combine(_tree.Root, "real.log")).Length);
    }

    [Theory]
    [InlineData("/../elsewhere/secret.log", "contains \"..\"")]
    [InlineData("/./x.log", "contains \".\"")]
    [InlineData("//x.log", "empty segment")]
    public void Hostile_paths_are_refused_with_a_reason(string suffix, string reason)
    {
        _tree.Write("secret.log", 3 << 20, under: _tree.Outside);

        var plan = LogRotator.Plan(_tree.Root + suffix, [_tree.Root], Limit);

        Assert.False(plan.Allowed);
        Assert.Contains(reason, plan.Refused, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_outside_every_root_is_refused() =>
        Assert.Contains("is not under a configured log path", LogRotator.Plan("/etc/passwd", [_tree.Root], Limit).Refused, StringComparison.Ordinal);

    [Fact]
    public async Task An_issue_for_a_path_that_is_not_configured_is_refused()
    {
        var issue = new Issue(IssueKind.LogSize, "/etc", IssueSeverity.Warning, "forged",
            new Dictionary<string, string> { ["oversized_count"] = "1" }, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

        Assert.False(_action.CanHeal(issue));
        var result = await _action.ExecuteAsync(issue, Scope(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("/etc is not one of the configured log paths", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_no_longer_over_the_limit_is_left_alone()
    {
        var small = _tree.Write("small.log", 1000);

        Assert.Contains("no longer over the limit", LogRotator.Plan(small, [_tree.Root], Limit).Refused, StringComparison.Ordinal);
    }

    private async Task<Issue> ScanAsync()
    {
        var probe = new LogsProbe(_config, new JournalControl(new ProcessRunner()), TimeProvider.System);
        return Assert.Single(await probe.ScanAsync(CancellationToken.None), i => i.Subject == _tree.Root);
    }

    private static string Decompressed(string gz)
    {
        var plain = Path.GetTempFileName();
        try
        {
            using (var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress))
            using (var output = File.Create(plain))
                input.CopyTo(output);
            return LogTree.Hash(plain);
        }
        finally
        {
            File.Delete(plain);
        }
    }
}
