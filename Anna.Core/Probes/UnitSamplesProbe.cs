using Anna.Core.Issues;
using Anna.Core.Linux.Systemd;
using Anna.Core.Samples;

namespace Anna.Core.Probes;

/// <summary>
/// Records what the services use, as systemd accounts it, in one pass over the units:
/// <list type="bullet">
/// <item>memory (<see cref="SampleMetric.UnitMemoryBytes"/>) of every running service with a <c>MemoryMax=</c>
/// (its memory against its limit is what a leak runs out of), with that limit
/// (<see cref="SampleMetric.UnitMemoryMaxBytes"/>, same time, just before it, so the forecast watch knows the
/// limit of the sample it is given), and of the <see cref="Largest"/> others by memory;</item>
/// <item>systemd's restart counter (<see cref="SampleMetric.UnitRestarts"/>) of the <see cref="Largest"/>
/// services it restarted most, running or not: a service that <c>Restart=</c> keeps bringing back is rarely
/// seen failed, so its restarts are counted here every minute, which a rate over an hour needs.</item>
/// </list>
/// The bounds keep a host with hundreds of units within the sample store's series cap. It raises no issue
/// itself; the series feed the anomaly watch, the forecasts and the insights' root causes.
/// </summary>
public sealed class UnitSamplesProbe(ISystemdManager systemd, ISampleSink samples, TimeProvider time) : IProbe
{
    public const int Largest = 16;

    public string Name => "unit_samples";

    public IReadOnlyList<string> Kinds { get; } = [];

    public TimeSpan? Interval => TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<Issue>> ScanAsync(CancellationToken cancellationToken)
    {
        if (systemd.State != SystemdConnectionState.Connected)
            throw new InvalidOperationException($"systemd is not reachable: {systemd.StateReason}");
        var units = await systemd.ListUnitsAsync(cancellationToken);
        var now = time.GetUtcNow();
        foreach (var unit in Watched(units))
        {
            if (unit.MemoryMax is { } max)
                samples.TryAdd(new Sample(SampleMetric.UnitMemoryMaxBytes, unit.Name.Value, now, max));
            samples.TryAdd(new Sample(SampleMetric.UnitMemoryBytes, unit.Name.Value, now, unit.MemoryCurrent!.Value));
        }
        foreach (var unit in Restarted(units))
            samples.TryAdd(new Sample(SampleMetric.UnitRestarts, unit.Name.Value, now, unit.NRestarts));
        return [];
    }

    /// <summary>Active services whose memory systemd knows: every one with a limit, then the largest.</summary>
    public static IReadOnlyList<UnitStatus> Watched(IEnumerable<UnitStatus> units)
    {
        var measured = units.Where(u => u.IsActive && u.MemoryCurrent is not null && IsService(u)).ToList();
        var limited = measured.Where(u => u.MemoryMax is not null);
        var largest = measured.Where(u => u.MemoryMax is null).OrderByDescending(u => u.MemoryCurrent).ThenBy(u => u.Name.Value, StringComparer.Ordinal).Take(Largest);
        return [.. limited.Concat(largest)];
    }

    /// <summary>The services systemd restarted by itself (its <c>NRestarts</c>), most restarts first.</summary>
    public static IReadOnlyList<UnitStatus> Restarted(IEnumerable<UnitStatus> units) =>
        [.. units.Where(u => u.NRestarts > 0 && IsService(u)).OrderByDescending(u => u.NRestarts).ThenBy(u => u.Name.Value, StringComparer.Ordinal).Take(Largest)];

    private static bool IsService(UnitStatus unit) => unit.Name.Value.EndsWith(".service", StringComparison.Ordinal);
}
