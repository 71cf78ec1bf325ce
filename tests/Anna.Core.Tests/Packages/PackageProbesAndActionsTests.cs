using Anna.Testing;
using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Probes;
using Anna.Core.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Packages;

public sealed class PackageProbesAndActionsTests
{
    private readonly FakePackageManager _packages = new();
    private readonly FakeTimeProvider _time = new();

    private static PackageUpdate Update(string name, bool kernel = false) => new(PackageName.Parse(name), "1.0", "2.0", kernel);

    [Fact]
    public async Task Kernel_updates_are_a_separate_issue_with_reboot_evidence()
    {
        _packages.Upgradable.AddRange([Update("bash"), Update("curl"), Update("linux-image-amd64", kernel: true)]);
        _packages.RebootRequired = true;
        var issues = await new OutdatedPackagesProbe(_packages, _time).ScanAsync(CancellationToken.None);

        var outdated = Assert.Single(issues, i => i.Kind == IssueKind.OutdatedPackages);
        Assert.Equal("2", outdated.Evidence["count"]);
        Assert.Equal("bash, curl", outdated.Evidence["packages"]);
        var kernel = Assert.Single(issues, i => i.Kind == IssueKind.KernelUpdate);
        Assert.Equal("linux-image-amd64", kernel.Evidence["packages"]);
        Assert.Equal("true", kernel.Evidence["reboot_required"]);
        Assert.Equal(TimeSpan.FromHours(1), ((IProbe)new OutdatedPackagesProbe(_packages, _time)).Interval);
        Assert.Equal("Update 2 packages (kernel excluded)", new UpdatePackagesAction(_packages).Describe(outdated));
    }

    [Fact]
    public async Task Only_kernel_updates_raise_no_outdated_issue()
    {
        _packages.Upgradable.Add(Update("linux-image-amd64", kernel: true));
        var issues = await new OutdatedPackagesProbe(_packages, _time).ScanAsync(CancellationToken.None);
        Assert.Equal([IssueKind.KernelUpdate], issues.Select(i => i.Kind));
    }

    [Fact]
    public async Task Cache_below_threshold_is_no_issue_and_above_is_a_warning()
    {
        _packages.Cache = new CacheUsage("/var/cache/apt/archives", 2_300_000_000, 2_300_000_000, ["/var/cache/apt/archives/a.deb"]);
        Assert.Empty(await new PackageCacheProbe(_packages, _time, thresholdBytes: 3_000_000_000).ScanAsync(CancellationToken.None));
        var issue = Assert.Single(await new PackageCacheProbe(_packages, _time).ScanAsync(CancellationToken.None));
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Equal("1", issue.Evidence["file_count"]);
        // The summary and the action read the same bytes as the same size (binary multiples, like df -h).
        Assert.Contains("holds 2.1 GB that can be freed", issue.Summary, StringComparison.Ordinal);
        Assert.Equal("Free 2.1 GB of package cache in /var/cache/apt/archives", new CleanPackageCacheAction(_packages).Describe(issue));
    }

    [Fact]
    public async Task Every_action_refuses_while_the_lock_is_held_and_changes_nothing()
    {
        _packages.Upgradable.AddRange([Update("bash"), Update("linux-image-amd64", kernel: true)]);
        _packages.Orphans.Add(new InstalledPackage(PackageName.Parse("libold1"), "1.0", 1024));
        _packages.Cache = new CacheUsage("/tmp", 10, 10, ["/tmp/a.deb"]);
        _packages.Lock = new PackageManagerLock(true, "dpkg lock held by pid 42 (apt-get): /var/lib/dpkg/lock-frontend");
        var issue = new Issue("any", "fake", IssueSeverity.Info, "", new Dictionary<string, string>(), _time.GetUtcNow(), _time.GetUtcNow());
        IHealingAction[] actions = [new CleanPackageCacheAction(_packages), new RemoveOrphansAction(_packages), new UpdatePackagesAction(_packages), new KernelUpdateAction(_packages)];

        foreach (var action in actions)
        {
            var result = await action.ExecuteAsync(issue, DetachedScope.Create(), CancellationToken.None);
            Assert.False(result.Succeeded);
            Assert.Contains("held by pid 42 (apt-get)", result.Detail);
        }
        Assert.Empty(_packages.Calls);
    }

    [Fact]
    public async Task Orphan_removal_touches_only_listed_packages_that_are_still_orphans()
    {
        _packages.Orphans.AddRange([new InstalledPackage(PackageName.Parse("liba"), "1", 10), new InstalledPackage(PackageName.Parse("libnew"), "1", 10)]);
        var issue = new Issue(IssueKind.OrphanPackages, "fake", IssueSeverity.Info, "",
            new Dictionary<string, string> { ["packages"] = "liba, libgone" }, _time.GetUtcNow(), _time.GetUtcNow());
        var action = new RemoveOrphansAction(_packages);

        var dry = await action.DryRunAsync(issue, CancellationToken.None);
        Assert.Contains("liba 1 → (removed)", dry.Detail);
        Assert.Contains("left alone: libgone", dry.Detail);
        Assert.Equal(["dry remove liba"], _packages.Calls);
    }

    [Fact]
    public async Task Kernel_update_dry_run_lists_old_and_new_versions()
    {
        _packages.Upgradable.AddRange([Update("bash"), Update("linux-image-amd64", kernel: true)]);
        var issue = new Issue(IssueKind.KernelUpdate, "fake", IssueSeverity.Warning, "", new Dictionary<string, string>(), _time.GetUtcNow(), _time.GetUtcNow());
        var result = await new KernelUpdateAction(_packages).DryRunAsync(issue, CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Contains("linux-image-amd64 1.0 → 2.0", result.Detail);
        Assert.DoesNotContain("bash", result.Detail);
        Assert.Equal(["dry upgrade linux-image-amd64"], _packages.Calls);
    }
}
