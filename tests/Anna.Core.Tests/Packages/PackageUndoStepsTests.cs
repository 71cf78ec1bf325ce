using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Rollback;
using Anna.Core.Tests.Fakes;
using Anna.Testing;

namespace Anna.Core.Tests.Packages;

/// <summary>What the package actions record before they act, and in which order (the package manager is a fake; the order is pure logic).</summary>
public sealed class PackageUndoStepsTests : IDisposable
{
    private readonly FakePackageManager _packages = new();
    private readonly ActionScope _scope = DetachedScope.Create(journalId: 7);
    private readonly Issue _issue = new(IssueKind.OutdatedPackages, "fake", IssueSeverity.Info, "", new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public void Dispose() => DetachedScope.Delete(_scope);

    private static PackageName N(string name) => PackageName.Parse(name);

    [Fact]
    public async Task An_update_keeps_and_records_every_package_before_it_runs_and_says_which_undo_needs_a_repository_for()
    {
        _packages.Upgradable.AddRange([new PackageUpdate(N("bash"), "5.1", "5.2", false), new PackageUpdate(N("curl"), "7.0", "8.0", false)]);
        _packages.KeepFailures["curl"] = "not in the cache, no mirror";

        var result = await new UpdatePackagesAction(_packages, minimumFreeBytes: 0).ExecuteAsync(_issue, _scope, CancellationToken.None);

        Assert.True(result.Succeeded, result.Detail);
        var backups = _scope.Storage.BackupDirectory(7);
        Assert.Equal<RollbackStep>(
            [new ReinstallPackageStep("bash", "5.1", "5.2", Path.Combine(backups, "bash_5.1.deb")), new ReinstallPackageStep("curl", "7.0", "8.0", null)],
            _scope.Snapshot.Steps);
        Assert.Equal(["dry upgrade-all-except-kernel", "keep bash 5.1", "keep curl 7.0", "upgrade-all-except-kernel"], _packages.Calls);
        Assert.Contains($"undo: kept 1 package file in {backups}", result.Detail);
        Assert.Contains("undo will need a repository that still has: curl 7.0 (not in the cache, no mirror)", result.Detail);
    }

    [Fact]
    public async Task Removed_orphans_are_recorded_as_dependencies_with_no_target_version()
    {
        _packages.Orphans.Add(new InstalledPackage(N("libold1"), "1", 10));
        var issue = _issue with { Kind = IssueKind.OrphanPackages };

        var result = await new RemoveOrphansAction(_packages).ExecuteAsync(issue, _scope, CancellationToken.None);

        var step = Assert.IsType<ReinstallPackageStep>(Assert.Single(_scope.Snapshot.Steps));
        Assert.Equal(("libold1", "1", (string?)null, true), (step.Package, step.Version, step.TargetVersion, step.AsDependency));
        Assert.Equal(["dry remove libold1", "keep libold1 1", "remove libold1"], _packages.Calls);
        Assert.DoesNotContain("need a repository", result.Detail);
    }

    [Fact]
    public async Task A_kernel_update_keeps_the_running_kernels_package_before_it_runs()
    {
        _packages.Upgradable.AddRange([new PackageUpdate(N("bash"), "5.1", "5.2", false), new PackageUpdate(N("linux-image-amd64"), "6.1", "6.2", true)]);

        await new KernelUpdateAction(_packages, minimumFreeBytes: 0).ExecuteAsync(_issue with { Kind = IssueKind.KernelUpdate }, _scope, CancellationToken.None);

        var step = Assert.IsType<ReinstallPackageStep>(Assert.Single(_scope.Snapshot.Steps));
        Assert.Equal(("linux-image-amd64", "6.1", "6.2"), (step.Package, step.Version, step.TargetVersion));
        Assert.Equal(["dry upgrade linux-image-amd64", "keep linux-image-amd64 6.1", "upgrade linux-image-amd64"], _packages.Calls);
    }

    [Fact]
    public async Task Packages_the_action_adds_are_recorded_first_so_undo_removes_them_last()
    {
        PackageVersionChange[] plan =
        [
            new(N("app"), "1.0", "2.0"),
            new(N("libnew"), null, "1.0"),
            new(N("libold"), "1.0", null),
        ];

        var recorded = await PackageUndoSteps.RecordAsync(_packages, plan, removedAreDependencies: false, _scope, CancellationToken.None);

        Assert.Equal(["libnew", "app", "libold"], recorded.Steps.Select(s => s.Package));
        Assert.Equal(["keep app 1.0", "keep libold 1.0"], _packages.Calls);
        Assert.Null(recorded.Steps[0].ArchivePath);
        Assert.False(recorded.Steps[2].AsDependency);
        Assert.Equal(recorded.Steps, _scope.Snapshot.Steps);
        var change = new PackageChange(false, true, [.. plan, new(N("surprise"), "1", "2")], 0, "", TimeSpan.Zero);
        Assert.EndsWith("changed without an undo step (not in the plan): surprise", recorded.NoteAfter(change));
    }

    [Fact]
    public async Task A_dry_run_that_does_not_pass_records_nothing_and_changes_nothing()
    {
        _packages.Upgradable.Add(new PackageUpdate(N("bash"), "5.1", "5.2", false));
        _packages.DryRunRefusal = "would refuse: the upgrade would remove bash-completion";

        var result = await new UpdatePackagesAction(_packages, minimumFreeBytes: 0).ExecuteAsync(_issue, _scope, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("nothing changed: the update's dry run did not pass", result.Detail);
        Assert.Contains("bash-completion", result.Detail);
        Assert.Empty(_scope.Snapshot.Steps);
        Assert.Equal(["dry upgrade-all-except-kernel"], _packages.Calls);
    }
}
