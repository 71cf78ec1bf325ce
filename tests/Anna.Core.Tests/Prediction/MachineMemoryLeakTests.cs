using Anna.Core.Actions;
using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Policy;
using Anna.Core.Prediction;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Prediction;

/// <summary>
/// A service without a MemoryMax= has no limit of its own to reach: what it runs out of is the
/// machine's memory. When the machine's memory is forecast to run short, the forecast names the unit
/// growing into it — only when that unit's growth explains most of the fall — and the preventive plan
/// restarts that unit. Generated 5-minute series, as the memory and unit-samples probes record them.
/// </summary>
public sealed class MachineMemoryLeakTests
{
    private const double Total = 16.0 * 1024 * 1024 * 1024;
    private const double FallPerHour = 0.005 * Total; // half a point of the machine's memory an hour
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int i) => Start.AddMinutes(5 * i);

    /// <summary>
    /// The machine's available memory falling from 60 % (20 % after 80 h, 5 % — critical — 30 h later) by <see cref="FallPerHour"/>, while web.service (no limit)
    /// grows by <paramref name="webShare"/> of that fall and db.service stays where it is, with noise and a saw.
    /// </summary>
    private static IEnumerable<Sample> Machine(int hours, double webShare, int seed = 1)
    {
        var random = new Random(seed);
        for (var i = 0; i < hours * 12; i++)
        {
            var h = i / 12.0;
            var available = 0.6 * Total - FallPerHour * h + 0.002 * Total * ForecastSeries.Gaussian(random);
            yield return new Sample(SampleMetric.MemoryAvailableBytes, MemoryPressureProbe.Subject, At(i), available);
            yield return new Sample(SampleMetric.MemoryAvailablePercent, MemoryPressureProbe.Subject, At(i), 100 * available / Total);
            var web = 1e9 + webShare * FallPerHour * h + 3e7 * (h % 1) + 1e7 * ForecastSeries.Gaussian(random);
            yield return new Sample(SampleMetric.UnitMemoryBytes, "web.service", At(i), web);
            yield return new Sample(SampleMetric.UnitMemoryBytes, "db.service", At(i), 2e9 + 1e7 * ForecastSeries.Gaussian(random));
        }
    }

    private static ForecastWatch Fed(IEnumerable<Sample> samples)
    {
        var watch = new ForecastWatch(new TestHealingConfig(new HealingOptions()));
        foreach (var sample in samples)
            watch.Observe(sample);
        return watch;
    }

    private static async Task<Issue> MemoryIssue(ForecastWatch watch)
    {
        var series = watch.Current().Single(s => s.Metric == ForecastMetric.MemoryAvailablePercent);
        var time = new FakeTimeProvider(series.LastAt);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var issues = await new ForecastProbe(watch, time).ScanAsync(CancellationToken.None);
        return Assert.Single(issues);
    }

    private static RestartLeakingServiceAction Action() =>
        new(new ServiceRestarter(new FakeSystemdManager(), new TestHealingConfig(), new FakeTimeProvider(Start)));

    [Fact]
    public async Task The_unit_growing_into_the_machines_memory_is_named_and_is_what_the_plan_restarts()
    {
        var watch = Fed(Machine(80, webShare: 1));

        var series = watch.Current().Single(s => s.Metric == ForecastMetric.MemoryAvailablePercent);
        Assert.NotNull(series.Forecast);
        var leak = Assert.IsType<LikelyLeak>(series.Leak);
        Assert.Equal("web.service", leak.Unit);
        Assert.InRange(leak.BytesPerHour, 0.8 * FallPerHour, 1.2 * FallPerHour);
        Assert.DoesNotContain(watch.Current(), s => s.Subject is "web.service" or "db.service"); // no limit: nothing of their own to forecast

        var issue = await MemoryIssue(watch);
        Assert.Equal(IssueKind.PredictedMemoryExhaustion, issue.Kind);
        Assert.Equal(MemoryPressureProbe.Subject, issue.Subject);
        Assert.Equal("web.service", issue.Evidence[ForecastProbe.LeakingUnit]);
        Assert.Matches(@"^memory short in ~\d+ (h|days) \(at \w{3} \d\d:\d\d\): \d+(\.\d)? % now, critical at 5 %; web\.service \(\d+(\.\d)? GB, no MemoryMax=\) grows \d+(\.\d)? MB an hour, the likely cause$",
            issue.Summary);

        Assert.Matches(@"^memory available falls \d+(\.\d+)? points a day, and web\.service grows \d+(\.\d)? GB a day without a MemoryMax=: ", CapacityAdvice.For(series));

        var action = Action();
        Assert.True(action.CanHeal(issue));
        Assert.Equal("Restart web.service, which grows without a memory limit, before memory runs short", action.Describe(issue));
    }

    [Fact]
    public async Task A_unit_that_grows_far_less_than_memory_falls_is_not_blamed_and_nothing_is_restarted()
    {
        var watch = Fed(Machine(80, webShare: 0.2));

        Assert.Null(watch.Current().Single(s => s.Metric == ForecastMetric.MemoryAvailablePercent).Leak);
        var issue = await MemoryIssue(watch);
        Assert.False(issue.Evidence.ContainsKey(ForecastProbe.LeakingUnit));
        Assert.DoesNotContain("likely cause", issue.Summary, StringComparison.Ordinal);
        Assert.False(Action().CanHeal(issue));
    }

    [Fact]
    public void A_leaking_unit_that_systemd_also_restarts_is_still_named()
    {
        // Its restart counter is forecast against the policy's rate; that must not reset its memory's growth.
        var samples = Machine(80, webShare: 1).SelectMany(s => s.Subject == "web.service"
            ? [s, new Sample(SampleMetric.UnitRestarts, "web.service", s.At, 3)]
            : new[] { s });

        Assert.Equal("web.service", Fed(samples).Current().Single(s => s.Metric == ForecastMetric.MemoryAvailablePercent).Leak?.Unit);
    }

    [Fact]
    public async Task A_critical_unit_named_as_the_cause_is_left_to_a_person()
    {
        var samples = Machine(80, webShare: 1).Select(s => s.Subject == "web.service" ? s with { Subject = "ssh.service" } : s);
        var issue = await MemoryIssue(Fed(samples));

        Assert.Equal("ssh.service", issue.Evidence[ForecastProbe.LeakingUnit]);
        Assert.False(Action().CanHeal(issue));
    }

    [Fact]
    public async Task A_restart_reads_the_units_growth_back_from_the_store()
    {
        var store = new InMemoryBucketStore([.. Machine(80, webShare: 1).Select(SampleBucket.Of)]);
        var watch = new ForecastWatch(new TestHealingConfig(new HealingOptions()));

        await watch.WarmUpAsync(store, At(80 * 12), CancellationToken.None);

        Assert.Equal("web.service", watch.Current().Single(s => s.Metric == ForecastMetric.MemoryAvailablePercent).Leak?.Unit);
    }
}
