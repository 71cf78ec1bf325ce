using Anna.Core.Vocabulary;
using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.History;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Journal;
using Anna.Core.Linux.Processes;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.Testing;

namespace Anna.IntegrationTests.RootFiles;

/// <summary>
/// Issue 17 item 2: undo and automatic rollback write backed-up content as root. A directory on
/// the way swapped for a link to a root-only directory must not make root write the backup into,
/// or hand over, a file there — neither when the swap comes before undo nor while it runs.
/// </summary>
public sealed class UndoAttackTests : IDisposable
{
    private readonly AttackTree _tree = new();
    private readonly TestHealingConfig _config;
    private readonly RollbackRig _rig;

    public UndoAttackTests()
    {
        _config = TestHealingConfig.WithLogs(new LogProbeOptions { Paths = [_tree.Root], MaxFileMegabytes = 1 });
        _rig = new RollbackRig(storage => [new FileStepUndoer(storage)], config: _config);
    }

    public void Dispose()
    {
        _rig.Dispose();
        _tree.Dispose();
    }

    [Fact]
    public async Task Undo_after_a_directory_was_swapped_for_a_link_refuses_and_leaves_the_victim_alone()
    {
        var middle = AttackTree.OwnedDirectory(Path.Combine(_tree.Owned, "inner"));
        AttackTree.Log(Path.Combine(middle, "app.log"), 2 << 20, AttackTree.Nobody, (UnixFileMode)0b110_110_110);
        var id = await RotateAsync();
        AttackTree.SwapForLink(middle, _tree.Outside);
        var victim = _tree.VictimState();

        var result = await _rig.Undo.UndoAsync(id, "tester", force: true, CancellationToken.None);

        Assert.Equal(victim, _tree.VictimState());
        Assert.NotEqual(UndoStatus.Undone, result.Status);
        Assert.Contains("symbolic link", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_swapped_after_its_handle_is_open_changes_nothing_root_writes_through_it()
    {
        var middle = AttackTree.OwnedDirectory(Path.Combine(_tree.Owned, "inner"));
        var log = AttackTree.Log(Path.Combine(middle, "app.log"), 4096, AttackTree.Nobody, AttackTree.Mode0640);
        var victim = _tree.VictimState();

        // What undo does: the handle first, then every write relative to it.
        using (var directory = DirectoryHandle.Open(middle))
        {
            AttackTree.SwapForLink(middle, _tree.Outside);
            using (var file = new FileStream(directory.OpenToChange("app.log"), FileAccess.ReadWrite))
            {
                file.SetLength(0);
                file.Write("restored\n"u8);
                File.SetUnixFileMode(file.SafeFileHandle, (UnixFileMode)0b110_110_110);
            }
            using (var created = new FileStream(directory.CreateNew(".app.log.anna-restore"), FileAccess.ReadWrite))
                created.Write("replaced\n"u8);
            directory.Replace(".app.log.anna-restore", "app.log");
        }

        Assert.Equal(victim, _tree.VictimState());
        Assert.Equal([_tree.Victim], Directory.GetFiles(_tree.Outside));
        Assert.Equal("replaced\n", File.ReadAllText(Path.Combine(middle + ".old", "app.log")));
        Assert.False(File.Exists(log + ".anna-restore"));
    }

    [Fact]
    public void A_handle_is_never_opened_through_a_link_on_the_way()
    {
        var middle = AttackTree.OwnedDirectory(Path.Combine(_tree.Owned, "inner"));
        AttackTree.SwapForLink(middle, _tree.Outside);

        var refused = Assert.ThrowsAny<IOException>(() => DirectoryHandle.Open(middle));
        Assert.Contains("symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<IOException>(() => DirectoryHandle.OpenBeneath(_tree.Root, middle));
    }

    private async Task<long> RotateAsync()
    {
        var action = new RotateLogsAction(_config, TimeProvider.System);
        var probe = new LogsProbe(_config, new JournalControl(new ProcessRunner()), TimeProvider.System);
        var issue = Assert.Single(await probe.ScanAsync(CancellationToken.None), i => i.Subject == _tree.Root);
        var intent = new HistoryEntry
        {
            IssueKind = issue.Kind,
            Subject = issue.Subject,
            Action = action.Name,
            Category = action.Category,
            Risk = action.Risk,
            Policy = HealingPolicy.Supervised,
            Decision = DecisionKind.Execute,
            Consent = ConsentLevel.Explicit,
            Reason = "asked by the test",
            Outcome = ActionOutcome.InProgress,
            StartedAt = DateTimeOffset.UtcNow,
        };
        var (entry, result) = await _rig.Executor.ExecuteAsync(issue, action, intent);
        Assert.True(result.Succeeded, result.Detail);
        return entry.Id;
    }
}
