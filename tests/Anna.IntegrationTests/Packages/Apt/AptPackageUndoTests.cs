using Anna.Testing;
using Anna.Core.Actions;
using Anna.Core.Linux.Packages;
using Anna.Core.Linux.Packages.Apt;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using static Anna.IntegrationTests.Packages.Apt.AptTestRepository;

namespace Anna.IntegrationTests.Packages.Apt;

/// <summary>
/// Undo of package actions with real apt and dpkg: the action runs through the executor with the
/// journal, keeps the package file of the version it replaces, and undo puts that version back —
/// with the repository gone, so the downgrade can only come from the kept file.
/// </summary>
[Collection(AptCollection.Name)]
public sealed class AptPackageUndoTests : IDisposable
{
    private readonly AptTestRepository _repo;
    private readonly AptPackageManager _apt;
    private readonly RollbackRig _rig;
    private readonly CancellationToken _ct = CancellationToken.None;

    public AptPackageUndoTests(AptTestRepository repo)
    {
        _repo = repo;
        _repo.GoOnline();
        _repo.InstallVersionOne();
        _apt = new AptPackageManager(repo.Options);
        _rig = new RollbackRig(storage => [new PackageStepUndoer(_apt, storage)]);
    }

    public void Dispose()
    {
        try
        {
            _repo.GoOnline();
            _repo.PurgeTestPackages();
            _repo.EmptyCache();
        }
        finally
        {
            _rig.Dispose();
        }
    }

    [Fact]
    public async Task An_update_is_undone_offline_from_the_package_file_it_kept()
    {
        var issue = Assert.Single(await new OutdatedPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));

        var (entry, result, snapshot) = await _rig.RunAsync(issue, new UpdatePackagesAction(_apt));

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("2.0", InstalledVersion(App));
        var step = Assert.IsType<ReinstallPackageStep>(Assert.Single(snapshot.Steps));
        var kept = Path.Combine(_rig.Storage.BackupDirectory(entry.Id), $"{App}_1.0_all.deb");
        Assert.Equal(new ReinstallPackageStep(App, "1.0", "2.0", kept), step);
        Assert.Equal(File.ReadAllBytes(_repo.App10), File.ReadAllBytes(kept));
        Assert.Contains($"undo: kept 1 package file in {_rig.Storage.BackupDirectory(entry.Id)}", result.Detail);
        Assert.True(await _rig.Rollback.IsAppliedAsync(snapshot, _ct));
        Assert.Equal(UndoStatus.Available, (await _rig.Undo.CheckAsync(entry.Id, _ct)).Status);

        _repo.GoOffline();
        // Nothing can be fetched now: the old version can only come from the kept file.
        Assert.False((await _apt.KeepPackageFileAsync(PackageName.Parse(App), "1.0", Path.Combine(_rig.Storage.DataDirectory, "probe"), _ct)).Kept);
        var preview = await _apt.InstallFilesAsync([kept], asDependencies: false, dryRun: true, _ct);
        Assert.Equal([new PackageVersionChange(PackageName.Parse(App), "2.0", "1.0")], preview.Packages);
        Assert.Equal("2.0", InstalledVersion(App));

        var undo = await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, _ct);

        Assert.True(undo.Status == UndoStatus.Undone, $"{undo.Status}: {undo.Detail}");
        Assert.Equal("1.0", InstalledVersion(App));
        Assert.Equal("1.0", InstalledVersion(Lib));
        Assert.True(IsAutoInstalled(Lib), "the library is still a dependency");
        Assert.False(IsAutoInstalled(App), "the app is still installed by hand");
        Assert.False(await _rig.Rollback.IsAppliedAsync(snapshot, _ct));
        Assert.Contains($"installed {App} 1.0 from the kept file", undo.Detail);
        Assert.Equal(UndoStatus.AlreadyUndone, (await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, _ct)).Status);

        // The undo released what it kept; releasing again (retention) is harmless.
        Assert.False(File.Exists(kept));
        Assert.False(Directory.Exists(_rig.Storage.BackupDirectory(entry.Id)));
        await _rig.Rollback.ReleaseAsync(snapshot, _ct);
    }

    [Fact]
    public async Task Without_a_kept_file_undo_needs_the_repository_and_says_so()
    {
        var issue = Assert.Single(await new OutdatedPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));
        // A file where the backups directory should be: no package file can be kept.
        var backups = Path.Combine(Directory.CreateDirectory(_rig.Storage.DataDirectory).FullName, "backups");
        File.WriteAllText(backups, "in the way");

        var (entry, result, snapshot) = await _rig.RunAsync(issue, new UpdatePackagesAction(_apt));

        Assert.True(result.Succeeded, result.Detail);
        Assert.Equal("2.0", InstalledVersion(App));
        Assert.Equal<RollbackStep>([new ReinstallPackageStep(App, "1.0", "2.0", null)], snapshot.Steps);
        Assert.Contains($"undo will need a repository that still has: {App} 1.0", result.Detail);
        File.Delete(backups);

        _repo.GoOffline();
        var offline = await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, _ct);
        Assert.Equal(UndoStatus.Failed, offline.Status);
        Assert.Contains("cannot be fetched", offline.Detail);
        Assert.Equal("2.0", InstalledVersion(App));

        _repo.GoOnline();
        var online = await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, _ct);
        Assert.True(online.Status == UndoStatus.Undone, $"{online.Status}: {online.Detail}");
        Assert.Contains("from a fetched file", online.Detail);
        Assert.Equal("1.0", InstalledVersion(App));
        // The fetched file was only for this undo.
        Assert.Empty(Directory.EnumerateFileSystemEntries(backups));
    }

    [Fact]
    public async Task An_orphan_removal_is_undone_offline_and_the_package_is_an_orphan_again()
    {
        Assert.True((await _apt.UpgradeAsync([PackageName.Parse(App)], dryRun: false, _ct)).Succeeded);
        _repo.EmptyCache();
        var issue = Assert.Single(await new OrphanPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));

        var (entry, result, snapshot) = await _rig.RunAsync(issue, new RemoveOrphansAction(_apt));

        Assert.True(result.Succeeded, result.Detail);
        Assert.Null(InstalledVersion(Lib));
        var step = Assert.IsType<ReinstallPackageStep>(Assert.Single(snapshot.Steps));
        Assert.Equal((Lib, "1.0", (string?)null, true), (step.Package, step.Version, step.TargetVersion, step.AsDependency));
        Assert.Equal(File.ReadAllBytes(_repo.Lib10), File.ReadAllBytes(step.ArchivePath!));
        Assert.True(await _rig.Rollback.IsAppliedAsync(snapshot, _ct));

        _repo.GoOffline();
        var undo = await _rig.Undo.UndoAsync(entry.Id, "tester", force: false, _ct);

        Assert.True(undo.Status == UndoStatus.Undone, $"{undo.Status}: {undo.Detail}");
        Assert.Equal("1.0", InstalledVersion(Lib));
        Assert.Equal("2.0", InstalledVersion(App));
        Assert.True(IsAutoInstalled(Lib));
        var orphan = Assert.Single(await _apt.ListOrphansAsync(_ct));
        Assert.Equal((Lib, "1.0"), (orphan.Name.Value, orphan.Version));
    }

    [Fact]
    public async Task A_version_installed_by_hand_after_the_update_is_drift_and_undo_leaves_it()
    {
        var issue = Assert.Single(await new OutdatedPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));
        var (entry, result, snapshot) = await _rig.RunAsync(issue, new UpdatePackagesAction(_apt));
        Assert.True(result.Succeeded, result.Detail);

        Run("dpkg", ["-i", _repo.BuildLoose(App, "2.5")]);
        Assert.Equal("2.5", InstalledVersion(App));

        var check = await _rig.Undo.CheckAsync(entry.Id, _ct);
        Assert.Equal(UndoStatus.Drifted, check.Status);
        var drift = Assert.Single(check.Drifts);
        Assert.Equal(new Drift(App, "installed now: 2.5; the action left 2.0, and undo would put back 1.0", FileOnly: false), drift);
        // Force overrides drift of files only; a package someone installed is not overwritten.
        Assert.Equal(UndoStatus.Drifted, (await _rig.Undo.UndoAsync(entry.Id, "tester", force: true, _ct)).Status);
        // Even asked directly (as auto-rollback would), the undoer leaves it.
        var direct = Assert.Single(await _rig.Rollback.UndoAsync(snapshot, force: false, _ct));
        Assert.False(direct.Succeeded);
        Assert.Equal("2.5", InstalledVersion(App));
        Assert.False(await _rig.Rollback.IsAppliedAsync(snapshot, _ct));
    }

    [Fact]
    public async Task A_package_file_is_kept_from_the_cache_or_downloaded_and_checked_by_its_content()
    {
        var app = PackageName.Parse(App);
        var lib = PackageName.Parse(Lib);
        string Dir(string name) => Path.Combine(_rig.Storage.DataDirectory, name);

        var downloaded = await _apt.KeepPackageFileAsync(app, "1.0", Dir("online"), _ct);
        Assert.Equal("downloaded from the repository", downloaded.Detail);
        Assert.Equal(File.ReadAllBytes(_repo.App10), File.ReadAllBytes(downloaded.Path!));

        _repo.GoOffline();
        var cached = Path.Combine(_repo.ArchivesDirectory, Path.GetFileName(_repo.App10));
        File.Copy(_repo.App10, cached);
        var copied = await _apt.KeepPackageFileAsync(app, "1.0", Dir("cache"), _ct);
        Assert.Equal($"copied from the package cache ({cached})", copied.Detail);
        Assert.Equal(Path.Combine(Dir("cache"), Path.GetFileName(_repo.App10)), copied.Path);
        Assert.Equal([copied.Path!], Directory.GetFiles(Dir("cache")));

        // A file named like the library but holding something else is not taken for it.
        File.Copy(_repo.App10, Path.Combine(_repo.ArchivesDirectory, $"{Lib}_1.0_all.deb"));
        var missing = await _apt.KeepPackageFileAsync(lib, "1.0", Dir("offline"), _ct);
        Assert.False(missing.Kept);
        Assert.Contains("apt-get download failed", missing.Detail);
        Assert.Empty(Directory.GetFiles(Dir("offline")));

        var bad = await _apt.KeepPackageFileAsync(lib, "1.0/../x", Dir("bad"), _ct);
        Assert.False(bad.Kept);
        Assert.Contains("not allowed", bad.Detail);
    }
}
