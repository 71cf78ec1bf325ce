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
    public async Task A_probe_with_an_open_warning_runs_four_times_as_often_and_slows_when_the_machine_has_long_been_well()
    {
        var disk = new CountingProbe("disk", null);
        var (scheduler, _) = Build(disk);
        disk.Found.Add(new Issue(IssueKind.LowDisk, "/var", IssueSeverity.Warning, "/var is 91% full", new Dictionary<string, string>(), _time.GetUtcNow(), _time.GetUtcNow()));

        var wait = await scheduler.RunDueAsync(all: false, CancellationToken.None);
        Assert.Equal(TimeSpan.FromSeconds(75), wait);
        Assert.Equal("faster while low_disk:/var is open", Assert.Single(scheduler.LastRuns()).Cadence.Reason);

        // Fixed: back to the configured interval, and after a calm day, half as often.
        disk.Found.Clear();
        _time.Advance(TimeSpan.FromSeconds(75));
        await scheduler.RunDueAsync(all: false, CancellationToken.None);
        Assert.Equal(TimeSpan.FromMinutes(5), scheduler.CadenceOf(disk).Interval);
        _time.Advance(TimeSpan.FromDays(1));
        wait = await scheduler.RunDueAsync(all: false, CancellationToken.None);
        Assert.Equal(TimeSpan.FromMinutes(10), wait);
        Assert.Equal(3, disk.Scans);
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

        /// <summary>What the probe reports: nothing unless a test sets it.</summary>
        public List<Issue> Found { get; } = [];

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
            return [.. Found];
        }
    }
}
