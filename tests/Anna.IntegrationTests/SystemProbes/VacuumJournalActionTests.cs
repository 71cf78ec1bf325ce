using Anna.Testing;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.IntegrationTests.Rollback;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>
/// The journal vacuum on real files laid out as journald lays them out: the oldest archived files
/// move into quarantine until the journal is within target, and undo puts them back.
/// </summary>
public sealed class VacuumJournalActionTests : IDisposable
{
    private const string MachineId = "0123456789abcdef0123456789abcdef";
    private const string SeqnumId = "fedcba9876543210fedcba9876543210";
    private const int Kib = 1024;

    private readonly DirectoryInfo _base = Directory.CreateTempSubdirectory("anna-journal-");
    private readonly RollbackRig _rig = new RollbackRig(_ => [new QuarantineStepUndoer()]);
    private readonly string _machineDir;
    private readonly string _machineIdFile;

    public VacuumJournalActionTests()
    {
        _machineIdFile = Path.Combine(_base.FullName, "machine-id");
        File.WriteAllText(_machineIdFile, MachineId + "\n");
        _machineDir = Directory.CreateDirectory(Path.Combine(_base.FullName, "journal", MachineId)).FullName;
    }

    public void Dispose()
    {
        _rig.Dispose();
        _base.Delete(recursive: true);
    }

    private static Issue Issue => new(IssueKind.LogSize, LogsProbe.JournalSubject, IssueSeverity.Warning, "journal",
        new Dictionary<string, string>(), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private VacuumJournalAction Action(int targetMegabytes) =>
        new(TestHealingConfig.WithLogs(new LogProbeOptions { JournalMaxMegabytes = targetMegabytes }), _rig.Storage,
            [Path.Combine(_base.FullName, "journal")], _machineIdFile);

    [Fact]
    public async Task The_oldest_archived_files_move_into_quarantine_until_the_journal_is_within_target_and_undo_brings_them_back()
    {
        var active = Journal("system.journal", 512);
        var oldest = Journal(ArchivedName("system", 1, 0x100), 512);
        var older = Journal(ArchivedName("user-1000", 5, 0x200), 512);
        var newest = Journal(ArchivedName("system", 9, 0x300), 512);
        var before = Snapshot();
        // 2 MiB in all, target 1 MiB: the two oldest archived files go, the newest archived and the active one stay.
        var action = Action(1);

        var dryRun = await action.DryRunAsync(Issue, CancellationToken.None);
        Assert.True(dryRun.Succeeded, dryRun.Detail);
        Assert.Contains($"Would move 2 archived journal file(s) (1 MB), oldest first, into quarantine ({_rig.Storage.QuarantineDirectory})", dryRun.Detail, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());

        var (entry, result) = await _rig.ExecuteAsync(action, Issue);

        Assert.True(result.Succeeded, result.Detail);
        Assert.StartsWith("Journal 2 MB → 1 MB (target 1 MB): moved 2 archived journal file(s) (1 MB)", result.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(oldest));
        Assert.False(File.Exists(older));
        Assert.True(File.Exists(newest));
        Assert.True(File.Exists(active));
        var step = Assert.IsType<RestoreQuarantinedStep>(Assert.Single((await _rig.RecordAsync(entry.Id)).Snapshot.Steps));
        Assert.Equal([oldest, older], step.Files.Select(f => f.OriginalPath));

        var undo = await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, CancellationToken.None);

        Assert.Equal(UndoStatus.Undone, undo.Status);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_journal_within_target_is_left_alone()
    {
        Journal("system.journal", 256);
        Journal(ArchivedName("system", 1, 1), 256);

        var (_, result) = await _rig.ExecuteAsync(Action(1), Issue);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("Nothing to do: the journal takes 512 KB, within the 1 MB target", result.Detail);
        Assert.Equal(2, Directory.GetFiles(_machineDir).Length);
    }

    [Fact]
    public async Task When_only_the_active_journal_is_too_big_nothing_moves_and_it_says_why()
    {
        Journal("system.journal", 2048);

        var (entry, result) = await _rig.ExecuteAsync(Action(1), Issue);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Nothing archived is left to move: the active journal files alone take 2 MB", result.Detail, StringComparison.Ordinal);
        Assert.True((await _rig.RecordAsync(entry.Id)).Snapshot.IsEmpty);
    }

    [Fact]
    public async Task Without_journal_files_it_says_so()
    {
        File.Delete(_machineIdFile);

        var result = await Action(1).DryRunAsync(Issue, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("no journal files of this machine under", result.Detail, StringComparison.Ordinal);
    }

    private static string ArchivedName(string prefix, ulong seqnum, ulong realtime) =>
        $"{prefix}@{SeqnumId}-{seqnum:x16}-{realtime:x16}.journal";

    /// <summary>A journal-named file with real blocks (journald counts what is allocated), owned by root:systemd-journal-like 4, 0640.</summary>
    private string Journal(string name, int kib)
    {
        var path = Path.Combine(_machineDir, name);
        var data = new byte[kib * Kib];
        Random.Shared.NextBytes(data);
        File.WriteAllBytes(path, data);
        LibcForTests.Change(path, 0, 4);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        return path;
    }

    /// <summary>Every file with its content hash, owner, mode and mtime.</summary>
    private Dictionary<string, string> Snapshot() =>
        Directory.GetFiles(_machineDir).ToDictionary(p => p, p =>
        {
            var stat = UnixStat.TryGet(p)!;
            return $"{LogTree.Hash(p)} {stat.Uid}:{stat.Gid} {stat.Mode} {stat.ModifiedAt.ToUnixTimeMilliseconds()}";
        });
}
