using Anna.Core.Issues;
using Anna.Core.Linux.Packages;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Prediction;

/// <summary>
/// A filesystem forecast to fill carries what a cache cleanup would free on it — only when the
/// package cache lives on that filesystem and holds something — which is what makes the early
/// cleanup its preventive plan.
/// </summary>
public sealed class ForecastProbeCacheTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("anna-forecast-cache-");

    public void Dispose() => _cache.Delete(recursive: true);

    private static ForecastWatch Filling(params string[] mounts)
    {
        var watch = new ForecastWatch(new TestHealingConfig(new HealingOptions()));
        for (var i = 0; i < 90 * 12; i++)
        {
            foreach (var mount in mounts)
                watch.Observe(new Sample(SampleMetric.DiskUsedPercent, mount, Start.AddMinutes(5 * i), 40 + 0.4 * i / 12.0));
        }
        return watch;
    }

    [Fact]
    public async Task The_forecast_for_the_caches_filesystem_names_the_cache_and_what_it_would_free()
    {
        // The cache directory itself stands for its mount point here: same device, as /var and /var/cache/apt/archives are.
        var watch = Filling(_cache.FullName, "/proc");
        var packages = new FakePackageManager { Cache = new CacheUsage(_cache.FullName, 9000, 7000, ["a.deb"]) };
        var probe = new ForecastProbe(watch, new FakeTimeProvider(Start.AddHours(90)), packages);

        var issues = await probe.ScanAsync(CancellationToken.None);

        var here = issues.Single(i => i.Subject == _cache.FullName);
        Assert.Equal(IssueKind.PredictedDiskFull, here.Kind);
        Assert.Equal(_cache.FullName, here.Evidence["cache_dir"]);
        Assert.Equal("7000", here.Evidence["reclaimable_bytes"]);
        var elsewhere = issues.Single(i => i.Subject == "/proc");
        Assert.False(elsewhere.Evidence.ContainsKey("cache_dir"));
    }

    [Fact]
    public async Task An_empty_cache_or_a_package_manager_that_cannot_answer_adds_nothing()
    {
        var watch = Filling(_cache.FullName);
        var empty = new FakePackageManager { Cache = new CacheUsage(_cache.FullName, 100, 0, []) };

        var issue = Assert.Single(await new ForecastProbe(watch, new FakeTimeProvider(Start.AddHours(90)), empty).ScanAsync(CancellationToken.None));
        var unsupported = Assert.Single(await new ForecastProbe(watch, new FakeTimeProvider(Start.AddHours(90)),
            new UnsupportedPackageManager(new Anna.Core.Linux.OsRelease("plan9", [], "Plan 9"))).ScanAsync(CancellationToken.None));

        Assert.False(issue.Evidence.ContainsKey("cache_dir"));
        Assert.False(unsupported.Evidence.ContainsKey("cache_dir"));
        Assert.False(new Anna.Core.Actions.CleanPackageCacheEarlyAction(new Anna.Core.Actions.CleanPackageCacheAction(empty)).CanHeal(issue));
    }
}
