using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Samples;

namespace Anna.Core.Probes;

/// <summary>
/// Records how much memory the running services use (their control group's, as systemd accounts
/// it) as <see cref="SampleMetric.UnitMemoryBytes"/> series: every service with a <c>MemoryMax=</c>
/// (its memory against its limit is what a leak runs out of) and the <see cref="Largest"/> others by
/// memory, so a host with hundreds of units stays within the sample store's bound. It raises no
/// issue itself; the series feed the anomaly watch, forecasts and the insights' root causes.
/// </summary>
public sealed class UnitMemoryProbe(ISystemdManager systemd, ISampleSink samples, TimeProvider time) : IProbe
{
    public const int Largest = 16;

    public string Name => "unit_memory";

    public IReadOnlyList<string> Kinds { get; } = [];

    public TimeSpan? Interval => TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        if (systemd.State != SystemdConnectionState.Connected)
            throw new InvalidOperationException($"systemd is not reachable: {systemd.StateReason}");
        var units = await systemd.ListUnitsAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var unit in Watched(units))
            samples.TryAdd(new Sample(SampleMetric.UnitMemoryBytes, unit.Name.Value, now, unit.MemoryCurrent!.Value));
        return [];
    }

    /// <summary>Active services whose memory systemd knows: every one with a limit, then the largest.</summary>
    public static IReadOnlyList<UnitStatus> Watched(IEnumerable<UnitStatus> units)
    {
        var measured = units.Where(u => u.IsActive && u.MemoryCurrent is not null && u.Name.Value.EndsWith(".service", StringComparison.Ordinal)).ToList();
        var limited = measured.Where(u => u.MemoryMax is not null);
        var largest = measured.Where(u => u.MemoryMax is null).OrderByDescending(u => u.MemoryCurrent).ThenBy(u => u.Name.Value, StringComparer.Ordinal).Take(Largest);
        return [.. limited.Concat(largest)];
    }
}
