using Anna.Core.Linux.Systemd;
using Anna.Core.Probes;
using Anna.Core.Samples;
using Anna.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Probes;

public sealed class UnitSamplesProbeTests
{
    private static UnitStatus Unit(string name, ulong? current, ulong? max = null, string active = "active", uint restarts = 0) =>
        new(UnitName.Parse(name), "loaded", active, "running", "success", 1, restarts, "always", "") { MemoryCurrent = current, MemoryMax = max };

    [Fact]
    public async Task A_limited_service_is_recorded_with_its_limit_and_a_restarted_one_with_its_restarts()
    {
        var systemd = new FakeSystemdManager();
        systemd.Units.Add(Unit("web.service", 300UL << 20, max: 512UL << 20));
        systemd.Units.Add(Unit("flappy.service", null, active: "activating", restarts: 7));
        systemd.Units.Add(Unit("calm.service", 10UL << 20));
        var now = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var queue = new SampleQueue();

        await new UnitSamplesProbe(systemd, queue, new FakeTimeProvider(now)).ScanAsync(CancellationToken.None);

        var samples = new List<Sample>();
        while (queue.Reader.TryRead(out var sample))
            samples.Add(sample);
        Assert.Equal(
        [
            // The limit first: the forecast watch judges the memory sample of the same time against it.
            new Sample(SampleMetric.UnitMemoryMaxBytes, "web.service", now, 512UL << 20),
            new Sample(SampleMetric.UnitMemoryBytes, "web.service", now, 300UL << 20),
            new Sample(SampleMetric.UnitMemoryBytes, "calm.service", now, 10UL << 20),
            // Restarting (between two runs, so no memory), and still counted: its rate is what is forecast.
            new Sample(SampleMetric.UnitRestarts, "flappy.service", now, 7),
        ], samples);
    }

    [Fact]
    public void The_services_restarted_most_are_counted_and_never_restarted_ones_are_not()
    {
        var units = Enumerable.Range(0, 30).Select(i => Unit($"r{i:00}.service", null, restarts: (uint)i)).ToList();
        units.Add(Unit("busy.scope", null, restarts: 100));

        var counted = UnitSamplesProbe.Restarted(units).Select(u => u.Name.Value).ToList();

        Assert.Equal([.. Enumerable.Range(30 - UnitSamplesProbe.Largest, UnitSamplesProbe.Largest).Reverse().Select(i => $"r{i:00}.service")], counted);
    }

    [Fact]
    public void Every_limited_service_and_the_largest_others_are_watched()
    {
        var units = Enumerable.Range(0, 40).Select(i => Unit($"u{i:00}.service", (ulong)i << 20)).ToList();
        units.Add(Unit("small-but-limited.service", 1, max: 64UL << 20));
        units.Add(Unit("unknown.service", null));
        units.Add(Unit("stopped.service", 500UL << 20, active: "inactive"));
        units.Add(Unit("big.scope", 900UL << 20));

        var watched = UnitSamplesProbe.Watched(units).Select(u => u.Name.Value).ToList();

        Assert.Equal(1 + UnitSamplesProbe.Largest, watched.Count);
        Assert.Equal("small-but-limited.service", watched[0]);
        Assert.Equal([.. Enumerable.Range(40 - UnitSamplesProbe.Largest, UnitSamplesProbe.Largest).Reverse().Select(i => $"u{i:00}.service")], watched.Skip(1));
    }
}
