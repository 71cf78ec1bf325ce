using Anna.Testing;
using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.IntegrationTests.SystemProbes;

namespace Anna.IntegrationTests.Rollback;

/// <summary>
/// Quarantined bytes are still on the disk: the disk probe says so (pending purge), and when the
/// filesystem turns critical the quarantine on it is purged early and the action stops being
/// undoable, saying why. A real 8 MB tmpfs is filled to the [probes.disk] thresholds.
/// </summary>
public sealed class DiskHonestyTests : IDisposable
{
    private readonly RollbackRig _rig = new RollbackRig(_ => [new QuarantineStepUndoer()]);
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task Quarantined_bytes_show_as_pending_purge_and_a_critical_disk_purges_them_early()
    {
        using var tmpfs = await TmpfsMount.CreateAsync("size=8m");
        var total = new DriveInfo(tmpfs.Path).TotalSize;
        using var tree = FileTree.Create(tmpfs.Path, count: 4, bytes: (int)(total / 10));
        using var elsewhere = FileTree.Create(Path.GetTempPath(), count: 2);
        var (onTmpfs, result) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, tree.Files), QuarantineFilesAction.IssueFor(tree.Root));
        Assert.True(result.Succeeded, result.Detail);
        var (onRoot, _) = await _rig.ExecuteAsync(new QuarantineFilesAction(_rig.Storage, elsewhere.Files), QuarantineFilesAction.IssueFor(elsewhere.Root));
        var quarantined = ((RestoreQuarantinedStep)(await _rig.RecordAsync(onTmpfs.Id)).Snapshot.Steps[0]).Files
            .Sum(f => UnixStat.TryGet(f.QuarantinePath)!.AllocatedBytes);
        var probe = new DiskSpaceProbe(_rig.Config, TimeProvider.System, extraMountPoints: [tmpfs.Path], quarantine: _rig.Usage);

        tmpfs.Fill("filler", total * 45 / 100);
        var warning = await IssueFor(probe, tmpfs.Path);

        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Equal(quarantined.ToString(CultureInfo.InvariantCulture), warning.Evidence["pending_purge_bytes"]);
        Assert.Contains("pending purge", warning.Summary);
        Assert.Empty(await _rig.CriticalDisks.PurgeAsync(_ct));
        Assert.Equal(UndoState.Undoable, (await _rig.RecordAsync(onTmpfs.Id)).UndoState);

        tmpfs.Fill("more", total * 12 / 100);
        Assert.Equal(IssueSeverity.Critical, (await IssueFor(probe, tmpfs.Path)).Severity);

        var purged = await _rig.CriticalDisks.PurgeAsync(_ct);

        Assert.Equal([onTmpfs.Id], purged);
        var record = await _rig.RecordAsync(onTmpfs.Id);
        Assert.Equal(UndoState.Expired, record.UndoState);
        Assert.StartsWith($"{CriticalDiskPurge.Reason}: {tmpfs.Path} is ", record.UndoNote);
        Assert.False(Directory.Exists(Path.Combine(tmpfs.Path, RollbackStorage.ForeignQuarantineName)));
        // The space came back: 40 % of the tmpfs was quarantine.
        Assert.DoesNotContain(await probe.ScanAsync(_ct), i => i.Subject == tmpfs.Path);
        Assert.InRange(FileSystemUsage.Of(tmpfs.Path).UsedPercent, 50, 65);
        Assert.DoesNotContain(await _rig.Usage.MeasureAsync(_ct), p => p.MountPoint == tmpfs.Path);
        var undo = await _rig.Undo.CheckAsync(onTmpfs.Id, _ct);
        Assert.Equal(UndoStatus.Expired, undo.Status);
        Assert.Contains(CriticalDiskPurge.Reason, undo.Detail);

        // The action whose files are on a healthy filesystem keeps its undo.
        Assert.Equal(UndoState.Undoable, (await _rig.RecordAsync(onRoot.Id)).UndoState);
        Assert.Equal(UndoStatus.Undone, (await _rig.Undo.UndoAsync(onRoot.Id, "test", force: false, _ct)).Status);
    }

    private static async Task<Issue> IssueFor(DiskSpaceProbe probe, string mountPoint) =>
        Assert.Single(await probe.ScanAsync(CancellationToken.None), i => i.Subject == mountPoint);
}
