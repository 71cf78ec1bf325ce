namespace Anna.Core.Policy;

/// <summary>Thresholds of the system probes ([probes] in healing.toml), read by each probe at scan time.</summary>
public sealed record ProbeOptions
{
    public DiskProbeOptions Disk { get; init; } = new();

    public LogProbeOptions Logs { get; init; } = new();

    public MemoryProbeOptions Memory { get; init; } = new();

    public PackageProbeOptions Packages { get; init; } = new();

    public ServiceProbeOptions Services { get; init; } = new();

    public ProbeRateOptions Rates { get; init; } = new();
}
