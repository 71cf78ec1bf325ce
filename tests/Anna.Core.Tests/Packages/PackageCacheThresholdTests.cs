using Anna.Core.Linux.Packages;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Packages;

/// <summary>The package cache probe's threshold is probes.packages.cache_max_mb, read at every scan.</summary>
public sealed class PackageCacheThresholdTests
{
    [Fact]
    public async Task The_cache_is_an_issue_once_it_holds_the_configured_megabytes_and_an_edit_counts_at_the_next_scan()
    {
        var packages = new FakePackageManager { Cache = new CacheUsage("/var/cache/apt/archives", 3L << 20, 3L << 20, ["a.deb"]) };
        var config = new TestHealingConfig();
        var probe = new PackageCacheProbe(packages, new FakeTimeProvider(), config);

        Assert.Empty(await probe.ScanAsync(CancellationToken.None)); // 3 MB under the default 500 MB

        config.Accept(new HealingOptions { Probes = new ProbeOptions { Packages = new PackageProbeOptions { CacheMaxMegabytes = 2 } } });
        var issue = Assert.Single(await probe.ScanAsync(CancellationToken.None));

        Assert.Equal((2L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture), issue.Evidence["threshold_bytes"]);
    }

    [Fact]
    public void A_cache_directory_of_its_own_points_apt_and_its_lock_there_and_a_relative_one_is_refused()
    {
        var apt = Assert.IsType<Anna.Core.Linux.Packages.Apt.AptPackageManager>(
            PackageManagerFactory.ForThisMachine(new Anna.Core.Linux.OsRelease("debian", [], "Debian"), "/srv/cache/apt"));

        Assert.Equal("/srv/cache/apt/archives", apt.Options.ArchivesDirectory);
        Assert.Contains("Dir::Cache=/srv/cache/apt", apt.Options.ExtraOptions);
        Assert.Contains("/srv/cache/apt/archives/lock", apt.Options.LockFiles);
        Assert.DoesNotContain("/var/cache/apt/archives/lock", apt.Options.LockFiles);
        Assert.Contains("/var/lib/dpkg/lock", apt.Options.LockFiles);
        var refused = Assert.Throws<ArgumentException>(() => PackageManagerFactory.ForThisMachine(new Anna.Core.Linux.OsRelease("debian", [], "Debian"), "cache"));
        Assert.Contains("Anna:PackageCache must be an absolute directory", refused.Message, StringComparison.Ordinal);
    }
}
