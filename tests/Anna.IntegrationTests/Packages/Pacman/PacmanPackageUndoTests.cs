using Anna.Core.Vocabulary;
using Anna.Testing;
using Anna.Core.Actions;
using Anna.Core.Linux.Packages;
using Anna.Core.Probes;
using Anna.Core.Rollback;

namespace Anna.IntegrationTests.Packages.Pacman;

/// <summary>
/// Undo of package actions with the real pacman in a private root: the action keeps the replaced
/// version's file from pacman's cache, and undo installs it with the mirror and the cache gone.
/// </summary>
[Collection(PacmanCollection.Name)]
public sealed class PacmanPackageUndoTests : IDisposable
{
    private static readonly TestPackage Hello1 = new("hello", "1.0-1");
    private static readonly TestPackage Hello2 = new("hello", "2.0-1");
    private static readonly TestPackage Lib = new("lib", "1.0-1");
    private static readonly TestPackage App = new("app", "1.0-1", "lib");

    private readonly PacmanSandbox _sandbox = new();
    private readonly RollbackRig _rig;
    private readonly CancellationToken _ct = CancellationToken.None;

    public PacmanPackageUndoTests() => _rig = new RollbackRig(storage => [new PackageStepUndoer(_sandbox.Manager, storage)]);

    public void Dispose()
    {
        _rig.Dispose();
        _sandbox.Dispose();
    }

    [Fact]
    public async Task An_update_is_undone_offline_from_the_package_file_it_kept()
    {
        // Installed from the mirror, so pacman's cache holds 1.0-1.
        _sandbox.Publish(Hello1);
        await _sandbox.PacmanAsync("-Sy", "--noconfirm", "hello");
        await PublishHello2Async();
        var issue = Assert.Single(await new OutdatedPackagesProbe(_sandbox.Manager, TimeProvider.System).ScanAsync(_ct));

        var (entry, result, snapshot) = await _rig.RunAsync(issue, new UpdatePackagesAction(_sandbox.Manager));

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("2.0-1", await _sandbox.InstalledVersionAsync("hello"));
        var kept = Path.Combine(_rig.Storage.BackupDirectory(entry.Id), Hello1.FileName);
        Assert.Equal<RollbackStep>([new ReinstallPackageStep("hello", "1.0-1", "2.0-1", kept)], snapshot.Steps);
        Assert.True(File.Exists(kept));
        Assert.True(await _rig.Rollback.IsAppliedAsync(snapshot, _ct));

        _sandbox.GoOffline();
        var undo = await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, _ct);

        Assert.True(undo.Status == UndoStatus.Undone, $"{undo.Status}: {undo.Detail}");
        Assert.Equal("1.0-1", await _sandbox.InstalledVersionAsync("hello"));
        Assert.Equal(Hello1.Content, await File.ReadAllTextAsync(_sandbox.InstalledFile("hello"), _ct));
        Assert.False(await _sandbox.IsDependencyAsync("hello"));
        Assert.False(await _rig.Rollback.IsAppliedAsync(snapshot, _ct));

        // The undo released what it kept; releasing again (retention) is harmless.
        Assert.False(File.Exists(kept));
        await _rig.Rollback.ReleaseAsync(snapshot, _ct);
    }

    [Fact]
    public async Task An_orphan_removal_is_undone_offline_and_the_package_is_an_orphan_again()
    {
        _sandbox.Publish(Lib, App);
        await _sandbox.PacmanAsync("-Sy", "--noconfirm", "app");
        await _sandbox.PacmanAsync("-R", "--noconfirm", "app");
        var issue = Assert.Single(await new OrphanPackagesProbe(_sandbox.Manager, TimeProvider.System).ScanAsync(_ct));

        var (entry, result, snapshot) = await _rig.RunAsync(issue, new RemoveOrphansAction(_sandbox.Manager));

        Assert.True(result.Succeeded, result.Detail);
        Assert.Null(await _sandbox.InstalledVersionAsync("lib"));
        var kept = Path.Combine(_rig.Storage.BackupDirectory(entry.Id), Lib.FileName);
        Assert.Equal<RollbackStep>([new ReinstallPackageStep("lib", "1.0-1", null, kept, AsDependency: true)], snapshot.Steps);

        _sandbox.GoOffline();
        var undo = await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, _ct);

        Assert.True(undo.Status == UndoStatus.Undone, $"{undo.Status}: {undo.Detail}");
        Assert.Equal("1.0-1", await _sandbox.InstalledVersionAsync("lib"));
        Assert.True(await _sandbox.IsDependencyAsync("lib"));
        var orphan = Assert.Single(await _sandbox.Manager.ListOrphansAsync(_ct));
        Assert.Equal(PackageName.Parse("lib"), orphan.Name);
    }

    [Fact]
    public async Task A_version_installed_by_hand_after_the_update_is_drift_and_undo_leaves_it()
    {
        _sandbox.Publish(Hello1);
        await _sandbox.PacmanAsync("-Sy", "--noconfirm", "hello");
        await PublishHello2Async();
        var issue = Assert.Single(await new OutdatedPackagesProbe(_sandbox.Manager, TimeProvider.System).ScanAsync(_ct));
        var (entry, result, _) = await _rig.RunAsync(issue, new UpdatePackagesAction(_sandbox.Manager));
        Assert.True(result.Succeeded, result.Detail);

        await _sandbox.PacmanAsync("-U", "--noconfirm", _sandbox.Build(new TestPackage("hello", "3.0-1")));

        var check = await _rig.Undo.CheckAsync(entry.Id, _ct);
        Assert.Equal(UndoStatus.Drifted, check.Status);
        Assert.Equal(new Drift("hello", "installed now: 3.0-1; the action left 2.0-1, and undo would put back 1.0-1", FileOnly: false), Assert.Single(check.Drifts));
        Assert.Equal(UndoStatus.Drifted, (await _rig.Undo.UndoAsync(entry.Id, "tester", force: true, _ct)).Status);
        Assert.Equal("3.0-1", await _sandbox.InstalledVersionAsync("hello"));
    }

    [Fact]
    public async Task A_version_not_in_the_cache_cannot_be_kept_and_undo_says_why_it_fails()
    {
        // Installed from a file: pacman's cache never saw 1.0-1.
        _sandbox.Publish(Hello2);
        await _sandbox.PacmanAsync("-U", "--noconfirm", _sandbox.Build(Hello1));
        await _sandbox.Manager.RefreshAsync(_ct);
        var issue = Assert.Single(await new OutdatedPackagesProbe(_sandbox.Manager, TimeProvider.System).ScanAsync(_ct));

        var (entry, result, snapshot) = await _rig.RunAsync(issue, new UpdatePackagesAction(_sandbox.Manager));

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal<RollbackStep>([new ReinstallPackageStep("hello", "1.0-1", "2.0-1", null)], snapshot.Steps);
        Assert.Contains("undo will need a repository that still has: hello 1.0-1 (no hello-1.0-1 package file in", result.Detail);

        var undo = await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, _ct);
        Assert.Equal(UndoStatus.Failed, undo.Status);
        Assert.Contains("cannot be fetched", undo.Detail);
        Assert.Equal("2.0-1", await _sandbox.InstalledVersionAsync("hello"));
    }

    [Fact]
    public async Task An_update_that_fails_after_its_steps_were_recorded_is_rolled_back_and_nothing_is_lost()
    {
        // 2.0-1 brings a file that someone else's file is already at: --print does not see the
        // conflict, the real transaction does and changes nothing.
        _sandbox.Publish(Hello1);
        await _sandbox.PacmanAsync("-Sy", "--noconfirm", "hello");
        _sandbox.Publish(new TestPackage("hello", "2.0-1", [], ["usr/share/anna-test/extra"]));
        await _sandbox.PacmanAsync("-Syy", "--noconfirm");
        await File.WriteAllTextAsync(Path.Combine(_sandbox.RootDir, "usr/share/anna-test/extra"), "not pacman's", _ct);
        var issue = Assert.Single(await new OutdatedPackagesProbe(_sandbox.Manager, TimeProvider.System).ScanAsync(_ct));

        var (entry, result, snapshot) = await _rig.RunAsync(issue, new UpdatePackagesAction(_sandbox.Manager));

        Assert.False(result.Succeeded);
        Assert.Contains("conflicting files", result.Detail);
        Assert.Single(snapshot.Steps);
        Assert.Equal(ActionOutcome.RolledBack, entry.Outcome);
        Assert.Contains("auto_rollback_on_failure put the machine back", entry.Detail);
        Assert.Contains("hello is already at 1.0-1: left as it is", entry.Detail);
        Assert.Equal("1.0-1", await _sandbox.InstalledVersionAsync("hello"));
    }

    [Theory]
    [InlineData(FaultPoint.StepRecorded, ActionOutcome.RolledBack, "1.0-1")]
    [InlineData(FaultPoint.Acted, ActionOutcome.Success, "2.0-1")]
    public async Task An_update_cut_off_by_a_crash_is_finished_at_start_up_from_what_is_installed(FaultPoint crash, ActionOutcome recovered, string installed)
    {
        _sandbox.Publish(Hello1);
        await _sandbox.PacmanAsync("-Sy", "--noconfirm", "hello");
        await PublishHello2Async();
        var issue = Assert.Single(await new OutdatedPackagesProbe(_sandbox.Manager, TimeProvider.System).ScanAsync(_ct));
        using var rig = new RollbackRig(storage => [new PackageStepUndoer(_sandbox.Manager, storage)], new HaltingFaults(crash));

        await Assert.ThrowsAsync<ExecutorHaltedException>(() => rig.RunAsync(issue, new UpdatePackagesAction(_sandbox.Manager)));
        var cutOff = Assert.Single(await rig.Journal.UnfinishedAsync(_ct));
        Assert.IsType<ReinstallPackageStep>(Assert.Single(cutOff.Snapshot.Steps));

        var result = Assert.Single(await rig.Recovery.RecoverAsync(_ct));

        Assert.Equal(recovered, result.Outcome);
        Assert.Equal(installed, await _sandbox.InstalledVersionAsync("hello"));
        Assert.Empty(await rig.Journal.UnfinishedAsync(_ct));
    }

    /// <summary>
    /// The mirror gets 2.0-1. pacman -Sy skips a database whose time stamp it has seen, and the
    /// first publish was within the same second: -Syy downloads it regardless.
    /// </summary>
    private async Task PublishHello2Async()
    {
        _sandbox.Publish(Hello2);
        await _sandbox.PacmanAsync("-Syy", "--noconfirm");
    }
}
