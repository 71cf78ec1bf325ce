using Anna.Core.Linux.Packages;
using Anna.Core.Linux.Packages.Pacman;

namespace Anna.IntegrationTests.Packages.Pacman;

/// <summary>The pacman adapter against the real pacman, each test in a fresh private root.</summary>
[Collection(PacmanCollection.Name)]
public sealed class PacmanPackageManagerTests : IDisposable
{
    private static readonly TestPackage Hello1 = new("hello", "1.0-1");
    private static readonly TestPackage Hello2 = new("hello", "2.0-1");
    private static readonly TestPackage Lib = new("lib", "1.0-1");
    private static readonly TestPackage App = new("app", "1.0-1", "lib");

    private readonly PacmanSandbox _sandbox = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    public void Dispose() => _sandbox.Dispose();

    private PacmanPackageManager Pacman => _sandbox.Manager;

    [Fact]
    public async Task Finds_an_outdated_package_only_after_an_explicit_refresh()
    {
        _sandbox.Publish(Hello2);
        await _sandbox.PacmanAsync("-U", "--noconfirm", _sandbox.Build(Hello1));

        // The scan reads the local sync databases and never downloads them.
        Assert.Empty(await Pacman.ListUpgradableAsync(_ct));

        await Pacman.RefreshAsync(_ct);
        var update = Assert.Single(await Pacman.ListUpgradableAsync(_ct));
        Assert.Equal(new PackageUpdate(PackageName.Parse("hello"), "1.0-1", "2.0-1", IsKernel: false), update);
    }

    [Fact]
    public async Task Upgrade_dry_run_reports_the_change_and_changes_nothing_then_the_real_run_upgrades()
    {
        await InstallHello1WithHello2InRepoAsync();

        var preview = await Pacman.UpgradeAsync([PackageName.Parse("hello")], dryRun: true, _ct);

        Assert.True(preview.DryRun);
        Assert.True(preview.Succeeded, preview.OutputExcerpt);
        Assert.Equal([new PackageVersionChange(PackageName.Parse("hello"), "1.0-1", "2.0-1")], preview.Packages);
        Assert.Equal("1.0-1", await _sandbox.InstalledVersionAsync("hello"));
        Assert.Equal(Hello1.Content, await File.ReadAllTextAsync(_sandbox.InstalledFile("hello"), _ct));

        var change = await Pacman.UpgradeAsync([PackageName.Parse("hello")], dryRun: false, _ct);

        Assert.False(change.DryRun);
        Assert.True(change.Succeeded, change.OutputExcerpt);
        Assert.Equal([new PackageVersionChange(PackageName.Parse("hello"), "1.0-1", "2.0-1")], change.Packages);
        Assert.Equal("2.0-1", await _sandbox.InstalledVersionAsync("hello"));
        Assert.Equal(Hello2.Content, await File.ReadAllTextAsync(_sandbox.InstalledFile("hello"), _ct));
        Assert.Empty(await Pacman.ListUpgradableAsync(_ct));
    }

    [Fact]
    public async Task Upgrading_everything_leaves_the_kernel_alone()
    {
        var linux1 = new TestPackage("linux", "6.1.0.anna-1");
        var linux2 = new TestPackage("linux", "6.2.0.anna-1");
        _sandbox.Publish(Hello2, linux2);
        await _sandbox.PacmanAsync("-U", "--noconfirm", _sandbox.Build(Hello1), _sandbox.Build(linux1));
        await Pacman.RefreshAsync(_ct);

        var updates = await Pacman.ListUpgradableAsync(_ct);
        Assert.Equal([("hello", false), ("linux", true)], updates.Select(u => (u.Name.Value, u.IsKernel)).Order());

        var preview = await Pacman.UpgradeAllExceptKernelAsync(dryRun: true, _ct);
        Assert.True(preview.Succeeded, preview.OutputExcerpt);
        Assert.Equal([new PackageVersionChange(PackageName.Parse("hello"), "1.0-1", "2.0-1")], preview.Packages);
        Assert.Equal("1.0-1", await _sandbox.InstalledVersionAsync("hello"));

        var change = await Pacman.UpgradeAllExceptKernelAsync(dryRun: false, _ct);
        Assert.True(change.Succeeded, change.OutputExcerpt);
        Assert.Equal([new PackageVersionChange(PackageName.Parse("hello"), "1.0-1", "2.0-1")], change.Packages);
        Assert.Equal("2.0-1", await _sandbox.InstalledVersionAsync("hello"));
        Assert.Equal("6.1.0.anna-1", await _sandbox.InstalledVersionAsync("linux"));
    }

    [Fact]
    public async Task Finds_an_orphaned_dependency_and_removes_it_after_a_dry_run()
    {
        _sandbox.Publish(Lib, App);
        await _sandbox.PacmanAsync("-Sy", "--noconfirm", "app");
        Assert.Empty(await Pacman.ListOrphansAsync(_ct));
        await _sandbox.PacmanAsync("-R", "--noconfirm", "app");

        var orphan = Assert.Single(await Pacman.ListOrphansAsync(_ct));
        Assert.Equal(new InstalledPackage(PackageName.Parse("lib"), "1.0-1", Lib.InstalledBytes), orphan);

        var preview = await Pacman.RemoveAsync([orphan.Name], dryRun: true, _ct);
        Assert.True(preview.Succeeded, preview.OutputExcerpt);
        Assert.Equal([new PackageVersionChange(orphan.Name, "1.0-1", null)], preview.Packages);
        Assert.Equal(Lib.InstalledBytes, preview.BytesFreed);
        Assert.Equal("1.0-1", await _sandbox.InstalledVersionAsync("lib"));

        var change = await Pacman.RemoveAsync([orphan.Name], dryRun: false, _ct);
        Assert.True(change.Succeeded, change.OutputExcerpt);
        Assert.Equal([new PackageVersionChange(orphan.Name, "1.0-1", null)], change.Packages);
        Assert.Equal(Lib.InstalledBytes, change.BytesFreed);
        Assert.Null(await _sandbox.InstalledVersionAsync("lib"));
        Assert.False(File.Exists(_sandbox.InstalledFile("lib")));
        Assert.Empty(await Pacman.ListOrphansAsync(_ct));
    }

    [Fact]
    public async Task Removing_a_package_that_is_not_installed_fails_and_says_why()
    {
        var change = await Pacman.RemoveAsync([PackageName.Parse("nosuch")], dryRun: false, _ct);

        Assert.False(change.DryRun);
        Assert.False(change.Succeeded);
        Assert.Empty(change.Packages);
        Assert.Contains("target not found: nosuch", change.OutputExcerpt);
    }

    [Fact]
    public async Task Upgrading_a_package_no_repository_has_fails_and_changes_nothing()
    {
        await InstallHello1WithHello2InRepoAsync();

        var change = await Pacman.UpgradeAsync([PackageName.Parse("hello"), PackageName.Parse("nosuch")], dryRun: false, _ct);

        Assert.False(change.Succeeded);
        Assert.Empty(change.Packages);
        Assert.Contains("target not found: nosuch", change.OutputExcerpt);
        Assert.Equal("1.0-1", await _sandbox.InstalledVersionAsync("hello"));
    }

    [Fact]
    public async Task Cache_cleanup_keeps_the_newest_versions_and_removes_exactly_the_rest()
    {
        // Five versions, in pacman's order: 1.0rc1 < 1.0-1 < 1.0-2 < 1.0.1-1 < 1:0.1-1.
        string[] versions = ["1.0-2", "1:0.1-1", "1.0rc1-1", "1.0.1-1", "1.0-1"];
        var files = versions.ToDictionary(v => v, v => CopyToCache(new TestPackage("hello", v)));
        var total = files.Values.Sum(f => new FileInfo(f).Length);
        string[] oldest = [files["1.0-1"], files["1.0rc1-1"]];
        var oldestBytes = oldest.Sum(f => new FileInfo(f).Length);

        var usage = await Pacman.CacheUsageAsync(_ct);
        Assert.Equal(total, usage.TotalBytes);
        Assert.Equal(oldest, usage.ReclaimableFiles);
        Assert.Equal(oldestBytes, usage.ReclaimableBytes);

        var preview = await Pacman.CleanCacheAsync(dryRun: true, _ct);
        Assert.True(preview.DryRun);
        Assert.Equal(oldestBytes, preview.BytesFreed);
        Assert.Equal(string.Join('\n', oldest), preview.OutputExcerpt);
        Assert.All(files.Values, f => Assert.True(File.Exists(f)));

        var change = await Pacman.CleanCacheAsync(dryRun: false, _ct);
        Assert.True(change.Succeeded, change.OutputExcerpt);
        Assert.Equal(oldestBytes, change.BytesFreed);
        Assert.Equal(files.Values.Except(oldest).Order(), Directory.GetFiles(_sandbox.CacheDir).Order());
        Assert.Empty((await Pacman.CacheUsageAsync(_ct)).ReclaimableFiles);
    }

    [Fact]
    public async Task A_held_lock_makes_every_real_run_refuse_while_dry_runs_still_answer()
    {
        await InstallHello1WithHello2InRepoAsync();
        foreach (var v in new[] { "0.1-1", "0.2-1", "0.3-1", "0.4-1" })
            CopyToCache(new TestPackage("hello", v));
        Assert.False((await Pacman.LockStatusAsync(_ct)).Held);
        var lockFile = Path.Combine(_sandbox.DbPath, "db.lck");
        await File.WriteAllTextAsync(lockFile, "", _ct);

        var status = await Pacman.LockStatusAsync(_ct);
        Assert.True(status.Held);
        Assert.Contains(lockFile, status.Detail);

        var hello = PackageName.Parse("hello");
        foreach (var refused in new[]
        {
            await Pacman.UpgradeAsync([hello], dryRun: false, _ct),
            await Pacman.UpgradeAllExceptKernelAsync(dryRun: false, _ct),
            await Pacman.RemoveAsync([hello], dryRun: false, _ct),
            await Pacman.CleanCacheAsync(dryRun: false, _ct),
        })
        {
            Assert.False(refused.Succeeded);
            Assert.Empty(refused.Packages);
            Assert.Equal(0, refused.BytesFreed);
            Assert.Contains("refused", refused.OutputExcerpt);
            Assert.Contains(lockFile, refused.OutputExcerpt);
        }
        var refresh = await Assert.ThrowsAsync<PacmanException>(() => Pacman.RefreshAsync(_ct));
        Assert.Contains(lockFile, refresh.Message);
        Assert.Equal("1.0-1", await _sandbox.InstalledVersionAsync("hello"));
        Assert.Single((await Pacman.CacheUsageAsync(_ct)).ReclaimableFiles);

        // --print takes no lock: what would change can still be shown.
        var preview = await Pacman.UpgradeAsync([hello], dryRun: true, _ct);
        Assert.True(preview.Succeeded, preview.OutputExcerpt);
        Assert.Equal([new PackageVersionChange(hello, "1.0-1", "2.0-1")], preview.Packages);
        Assert.True(File.Exists(lockFile));
    }

    [Fact]
    public async Task A_reboot_is_required_when_the_running_kernels_modules_are_gone()
    {
        // No kernel package installed (a container, say): nothing to compare.
        Assert.False(await Pacman.RebootRequiredAsync(_ct));

        var linux = new TestPackage("linux", "6.2.0.anna-1", [], ["usr/lib/modules/6.2.0-anna/pkgbase"]);
        await _sandbox.PacmanAsync("-U", "--noconfirm", _sandbox.Build(linux));

        _sandbox.SetRunningKernel("6.1.0-anna");
        Assert.True(await Pacman.RebootRequiredAsync(_ct));

        _sandbox.SetRunningKernel("6.2.0-anna");
        Assert.False(await Pacman.RebootRequiredAsync(_ct));
    }

    [Fact]
    public async Task Nothing_on_the_machine_is_touched_and_the_sandbox_goes_away()
    {
        await InstallHello1WithHello2InRepoAsync();
        Assert.Equal(Hello1.Content, await File.ReadAllTextAsync(_sandbox.InstalledFile("hello"), _ct));
        Assert.False(File.Exists("/usr/share/anna-test/hello"));

        _sandbox.Dispose();
        Assert.False(Directory.Exists(_sandbox.Dir));
    }

    private async Task InstallHello1WithHello2InRepoAsync()
    {
        _sandbox.Publish(Hello2);
        await _sandbox.PacmanAsync("-U", "--noconfirm", _sandbox.Build(Hello1));
        await Pacman.RefreshAsync(_ct);
    }

    private string CopyToCache(TestPackage package)
    {
        var target = Path.Combine(_sandbox.CacheDir, package.FileName);
        File.Copy(_sandbox.Build(package), target);
        return target;
    }
}
