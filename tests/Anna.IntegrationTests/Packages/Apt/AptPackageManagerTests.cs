using Anna.Testing;
using System.Diagnostics;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Linux.Packages.Apt;
using Anna.Core.Probes;
using static Anna.IntegrationTests.Packages.Apt.AptTestRepository;

namespace Anna.IntegrationTests.Packages.Apt;

/// <summary>
/// Real apt and dpkg against a local repository: anna-test-app 1.0 (depends on anna-test-lib,
/// installed as a dependency) is installed, anna-test-app 2.0 (no dependency) is in the repository.
/// </summary>
[Collection(AptCollection.Name)]
public sealed class AptPackageManagerTests : IDisposable
{
    private readonly AptTestRepository _repo;
    private readonly AptPackageManager _apt;
    private readonly CancellationToken _ct = CancellationToken.None;

    public AptPackageManagerTests(AptTestRepository repo)
    {
        _repo = repo;
        _repo.InstallVersionOne();
        _apt = new AptPackageManager(repo.Options);
    }

    public void Dispose()
    {
        _repo.PurgeTestPackages();
        _repo.EmptyCache();
    }

    [Fact]
    public async Task An_older_installed_version_is_outdated_and_not_a_kernel()
    {
        var update = Assert.Single(await _apt.ListUpgradableAsync(_ct));
        Assert.Equal((App, "1.0", "2.0", false), (update.Name.Value, update.InstalledVersion, update.CandidateVersion, update.IsKernel));

        var issues = await new OutdatedPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct);
        var issue = Assert.Single(issues);
        Assert.Equal(IssueKind.OutdatedPackages, issue.Kind);
        Assert.Equal(App, issue.Evidence["packages"]);
        Assert.Equal("false", issue.Evidence["reboot_required"]);
    }

    [Fact]
    public async Task The_update_dry_run_reports_the_change_and_changes_nothing()
    {
        var issue = Assert.Single(await new OutdatedPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));
        var action = new UpdatePackagesAction(_apt);

        var result = await action.DryRunAsync(issue, _ct);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains($"{App} 1.0 → 2.0", result.Detail);
        Assert.Equal("1.0", InstalledVersion(App));
        Assert.Equal("1.0", InstalledVersion(Lib));
        Assert.Empty(Directory.EnumerateFiles(_repo.ArchivesDirectory, "*.deb"));
    }

    [Fact]
    public async Task A_single_package_is_upgraded_and_the_change_is_reported()
    {
        var change = await _apt.UpgradeAsync([PackageName.Parse(App)], dryRun: false, _ct);

        Assert.True(change.Succeeded, change.OutputExcerpt);
        var upgraded = Assert.Single(change.Packages);
        Assert.Equal((App, "1.0", "2.0"), (upgraded.Name.Value, upgraded.OldVersion, upgraded.NewVersion));
        Assert.Equal("2.0", InstalledVersion(App));
        Assert.Empty(await _apt.ListUpgradableAsync(_ct));
    }

    [Fact]
    public async Task The_update_action_updates_everything_but_the_kernel()
    {
        var issue = Assert.Single(await new OutdatedPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));

        var result = await new UpdatePackagesAction(_apt).ExecuteAsync(issue, DetachedScope.Create(), _ct);

        Assert.True(result.Succeeded, result.Detail);
        Assert.Contains($"{App} 1.0 → 2.0", result.Detail);
        Assert.Equal("2.0", InstalledVersion(App));
        Assert.Empty(await new OutdatedPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));
    }

    [Fact]
    public async Task A_dependency_left_behind_by_an_upgrade_is_an_orphan_and_is_removed()
    {
        Assert.Empty(await _apt.ListOrphansAsync(_ct));
        Assert.True((await _apt.UpgradeAsync([PackageName.Parse(App)], dryRun: false, _ct)).Succeeded);

        var orphan = Assert.Single(await _apt.ListOrphansAsync(_ct));
        Assert.Equal((Lib, "1.0"), (orphan.Name.Value, orphan.Version));
        Assert.True(orphan.InstalledBytes >= 195 * 1024, $"size {orphan.InstalledBytes}");

        var issue = Assert.Single(await new OrphanPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));
        Assert.Equal(Lib, issue.Evidence["packages"]);
        var action = new RemoveOrphansAction(_apt);

        var dry = await action.DryRunAsync(issue, _ct);
        Assert.True(dry.Succeeded, dry.Detail);
        Assert.Contains($"{Lib} 1.0 → (removed)", dry.Detail);
        Assert.Equal("1.0", InstalledVersion(Lib));

        var done = await action.ExecuteAsync(issue, DetachedScope.Create(), _ct);
        Assert.True(done.Succeeded, done.Detail);
        Assert.Contains($"{Lib} 1.0 → (removed)", done.Detail);
        Assert.Null(InstalledVersion(Lib));
        Assert.Equal("2.0", InstalledVersion(App));
        Assert.Empty(await _apt.ListOrphansAsync(_ct));
    }

    [Fact]
    public async Task A_removal_that_would_take_other_packages_along_is_refused()
    {
        // Removing the library would remove the app that depends on it.
        var change = await _apt.RemoveAsync([PackageName.Parse(Lib)], dryRun: false, _ct);

        Assert.False(change.Succeeded);
        Assert.Contains(App, change.OutputExcerpt);
        Assert.Equal("1.0", InstalledVersion(Lib));
        Assert.Equal("1.0", InstalledVersion(App));
    }

    [Fact]
    public async Task The_cache_is_measured_listed_and_cleaned()
    {
        Run("apt-get", ["-q", "-y", .. _repo.AptArguments(), "install", "--download-only", App]);
        var deb = Path.Combine(_repo.ArchivesDirectory, $"{App}_2.0_all.deb");
        Assert.True(File.Exists(deb));
        var size = new FileInfo(deb).Length;

        var usage = await _apt.CacheUsageAsync(_ct);
        Assert.Equal((size, size), (usage.TotalBytes, usage.ReclaimableBytes));
        Assert.Equal([deb], usage.ReclaimableFiles);
        Assert.Empty(await new PackageCacheProbe(_apt, TimeProvider.System).ScanAsync(_ct));
        var issue = Assert.Single(await new PackageCacheProbe(_apt, TimeProvider.System, thresholdBytes: 1).ScanAsync(_ct));
        Assert.Equal(IssueKind.PackageCache, issue.Kind);
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("1", issue.Evidence["file_count"]);
        var action = new CleanPackageCacheAction(_apt);

        var dry = await action.DryRunAsync(issue, _ct);
        Assert.True(dry.Succeeded, dry.Detail);
        Assert.Contains(deb, dry.Detail);
        Assert.Contains($"bytes_freed: {size} ", dry.Detail);
        Assert.True(File.Exists(deb));

        // The cleaned files go to the scope's quarantine, which the test removes.
        var scope = DetachedScope.Create();
        var done = await action.ExecuteAsync(issue, scope, _ct);
        DetachedScope.Delete(scope);
        Assert.True(done.Succeeded, done.Detail);
        Assert.Contains($"bytes_freed: {size} ", done.Detail);
        Assert.False(File.Exists(deb));
        Assert.Equal(0, (await _apt.CacheUsageAsync(_ct)).TotalBytes);
    }

    [Fact]
    public async Task While_another_process_holds_the_lock_nothing_is_changed()
    {
        var lockFile = Path.Combine(_repo.Root, "lock-frontend");
        File.WriteAllBytes(lockFile, []);
        var apt = new AptPackageManager(_repo.Options with { LockFiles = [lockFile] });
        Assert.False((await apt.LockStatusAsync(_ct)).Held);
        var issue = Assert.Single(await new OutdatedPackagesProbe(apt, TimeProvider.System).ScanAsync(_ct));

        using (var holder = new FcntlLockHolder(lockFile))
        {
            var status = await apt.LockStatusAsync(_ct);
            Assert.True(status.Held);
            Assert.Equal($"dpkg lock held by pid {holder.Pid} (perl): {lockFile}", status.Detail);

            var result = await new UpdatePackagesAction(apt).ExecuteAsync(issue, DetachedScope.Create(), _ct);
            Assert.False(result.Succeeded);
            Assert.Equal($"nothing changed: package manager is busy: {status.Detail}", result.Detail);

            var direct = await apt.UpgradeAsync([PackageName.Parse(App)], dryRun: false, _ct);
            Assert.False(direct.Succeeded);
            Assert.Contains($"held by pid {holder.Pid}", direct.OutputExcerpt);
            Assert.Equal("1.0", InstalledVersion(App));
        }

        Assert.False((await apt.LockStatusAsync(_ct)).Held);
    }

    [Fact]
    public async Task An_apt_get_waiting_at_its_prompt_holds_the_real_dpkg_lock_and_nothing_is_changed()
    {
        var issue = Assert.Single(await new OutdatedPackagesProbe(_apt, TimeProvider.System).ScanAsync(_ct));
        // Removing the library would take the app along, so apt-get asks first, holding its locks.
        var start = new ProcessStartInfo("apt-get") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in _repo.AptArguments().Concat(["remove", Lib]))
            start.ArgumentList.Add(argument);
        using var aptGet = Process.Start(start)!;
        var output = aptGet.StandardOutput.ReadToEndAsync(_ct);
        try
        {
            var status = await WaitForLockAsync();
            Assert.Equal($"dpkg lock held by pid {aptGet.Id} (apt-get): /var/lib/dpkg/lock-frontend", status.Detail);

            var result = await new UpdatePackagesAction(_apt).ExecuteAsync(issue, DetachedScope.Create(), _ct);
            Assert.False(result.Succeeded);
            Assert.Contains($"held by pid {aptGet.Id} (apt-get)", result.Detail);
            Assert.Equal("1.0", InstalledVersion(App));
        }
        finally
        {
            await aptGet.StandardInput.WriteLineAsync("n");
            aptGet.StandardInput.Close();
            if (!aptGet.WaitForExit(10_000))
                aptGet.Kill();
        }
        Assert.Contains("Do you want to continue?", await output);
        Assert.Equal("1.0", InstalledVersion(Lib));
        Assert.False((await _apt.LockStatusAsync(_ct)).Held);
    }

    private async Task<PackageManagerLock> WaitForLockAsync()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await _apt.LockStatusAsync(_ct) is { Held: true } held)
                return held;
            await Task.Delay(100, _ct);
        }
        throw new TimeoutException("apt-get did not take the dpkg lock within 20 s");
    }

    [Fact]
    public async Task The_reboot_marker_is_read()
    {
        Assert.False(await _apt.RebootRequiredAsync(_ct));
        File.WriteAllText(_repo.Options.RebootRequiredPath, "*** System restart required ***\n");
        try
        {
            Assert.True(await _apt.RebootRequiredAsync(_ct));
        }
        finally
        {
            File.Delete(_repo.Options.RebootRequiredPath);
        }
    }
}
