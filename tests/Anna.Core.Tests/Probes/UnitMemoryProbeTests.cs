using Anna.Core.Linux.Systemd;
using Anna.Core.Probes;

namespace Anna.Core.Tests.Probes;

public sealed class UnitMemoryProbeTests
{
    private static UnitStatus Unit(string name, ulong? current, ulong? max = null, string active = "active") =>
        new(UnitName.Parse(name), "loaded", active, "running", "success", 1, 0, "no", "") { MemoryCurrent = current, MemoryMax = max };

    [Fact]
    public void Every_limited_service_and_the_largest_others_are_watched()
    {
        var units = Enumerable.Range(0, 40).Select(i => Unit($"u{i:00}.service", (ulong)i << 20)).ToList();
        units.Add(Unit("small-but-limited.service", 1, max: 64UL << 20));
        units.Add(Unit("unknown.service", null));
        units.Add(Unit("stopped.service", 500UL << 20, active: "inactive"));
        units.Add(Unit("big.scope", 900UL << 20));

        var watched = UnitMemoryProbe.Watched(units).Select(u => u.Name.Value).ToList();

        Assert.Equal(1 + UnitMemoryProbe.Largest, watched.Count);
        Assert.Equal("small-but-limited.service", watched[0]);
        Assert.Equal([.. Enumerable.Range(40 - UnitMemoryProbe.Largest, UnitMemoryProbe.Largest).Reverse().Select(i => $"u{i:00}.service")], watched.Skip(1));
    }
}
