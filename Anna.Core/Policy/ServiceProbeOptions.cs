namespace Anna.Core.Policy;

/// <summary>What counts as a service in trouble ([probes.services] in healing.toml).</summary>
public sealed record ServiceProbeOptions
{
    /// <summary>
    /// Restarts by systemd itself in one hour that mean a service is in trouble; the restart-rate forecast
    /// warns before a service's busiest hour gets there.
    /// </summary>
    public int RestartsCriticalPerHour { get; init; } = 6;
}
