namespace Anna.Core.Policy;

/// <summary>
/// The bounds within which Anna changes how often a probe runs ([probes.rates] in healing.toml):
/// faster while it watches an open problem, slower on a machine that has long been well.
/// </summary>
public sealed record ProbeRateOptions
{
    /// <summary>A probe never runs more often than this, however bad things are.</summary>
    public int FastestSeconds { get; init; } = 10;

    /// <summary>A probe never runs less often than this, however long the machine has been well.</summary>
    public int SlowestSeconds { get; init; } = 3600;
}
