using Anna.Core.Linux;
using Anna.Core.Engine;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Tests.Fakes;
using Anna.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Engine;

public sealed class ProbeSchedulerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private readonly ProbeStatistics _statistics = new();

    private (ProbeScheduler Scheduler, EngineRig Rig) Build(params IProbe[] probes)
    {
        var rig = new EngineRig(new TestHealingConfig(new HealingOptions { ScanIntervalSeconds = 300 }), [], _time);
        return (new ProbeScheduler(probes, rig.Engine, rig.Config, rig.Watch, _time, NullLogger<ProbeScheduler>.Instance, _statistics), rig);
    }

    [Fact]
    public async Task Runs_and_failures_are_tallied_per_probe_and_unsupported_is_not_a_failure()
    {
        var stuck = new CountingProbe("stuck", null) { Hang = true };
        var unsupported = new CountingProbe("packages", null) { Unavailable = "no package manager" };
        var fine = new CountingProbe("disk", null);
        var (scheduler, _) = Build(stuck, unsupported, fine);

        await scheduler.RunDueAsync(all: true, CancellationToken.None);
        await scheduler.RunDueAsync(all: true, CancellationToken.None);

        var tallies = _statistics.Snapshot().ToDictionary(t => t.Probe);
        Assert.Equal((2, 2), (tallies["stuck"].Runs, tallies["stuck"].Failures));
        Assert.Equal((2, 0), (tallies["packages"].Runs, tallies["packages"].Failures));
        Assert.Equal((2, 0), (tallies["disk"].Runs, tallies["disk"].Failures));
    }

    [Fact]
    public async Task Each_probe_runs_on_its_own_interval()
    {
        var fast = new CountingProbe("fast", TimeSpan.FromSeconds(60));
        var slow = new CountingProbe("slow", null);
        var (scheduler, _) = Build(fast, slow);

        var wait = await scheduler.RunDueAsync(all: false, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(60), wait);
        _time.Advance(TimeSpan.FromSeconds(60));
        await scheduler.RunDueAsync(all: false, CancellationToken.None);

        Assert.Equal(2, fast.Scans);
        Assert.Equal(1, slow.Scans);
    }

    [Fact]
    public async Task An_unavailable_probe_is_reported_as_unsupported_and_the_others_go_on()
    {
        var broken = new CountingProbe("packages", null) { Unavailable = "Anna does not know this distribution's packages" };
        var fine = new CountingProbe("disk", null);
        var (scheduler, rig) = Build(broken, fine);

        await scheduler.RunDueAsync(all: true, CancellationToken.None);

        Assert.Equal("unsupported: Anna does not know this distribution's packages", rig.Watch.Snapshot["packages"]);
        Assert.StartsWith("ok, 0 issue(s)", rig.Watch.Snapshot["disk"]);
        Assert.Equal(1, fine.Scans);
    }

    [Fact]
    public async Task A_probe_that_outlives_its_timeout_is_abandoned_and_reported()
    {
        var stuck = new CountingProbe("stuck", null) { Hang = true };
        var (scheduler, rig) = Build(stuck);

        await scheduler.RunDueAsync(all: true, CancellationToken.None);

        Assert.StartsWith("not scanned: took longer than", rig.Watch.Snapshot["stuck"]);
    }

    private sealed class CountingProbe(string name, TimeSpan? interval) : IProbe
    {
        public int Scans { get; private set; }

        public string? Unavailable { get; init; }

        public bool Hang { get; init; }

        public string Name => name;

        public IReadOnlyList<string> Kinds { get; } = [IssueKind.LowDisk];

        public TimeSpan? Interval => interval;

        public TimeSpan Timeout => TimeSpan.FromMilliseconds(100);

        public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
        {
            Scans++;
            if (Unavailable is not null)
                throw new ProbeUnavailableException(Unavailable);
            if (Hang)
                await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, cancellationToken);
            return [];
        }
    }
}
