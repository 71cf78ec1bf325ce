namespace Anna.Core.Prediction;

/// <summary>
/// What a forecast series measures; it decides which way is "towards exhaustion" and whether the
/// samples are a level (a gauge) or a running count (a counter whose rate is what runs out).
/// </summary>
public enum ForecastMetric
{
    /// <summary>Share of a filesystem's bytes in use, 0–100; exhaustion is going up to critical.</summary>
    DiskUsedPercent,

    /// <summary>Share of a filesystem's inodes in use, 0–100; exhaustion is going up to critical.</summary>
    InodeUsedPercent,

    /// <summary>MemAvailable as a share of MemTotal, 0–100; exhaustion is going down to critical.</summary>
    MemoryAvailablePercent,

    /// <summary>A unit's cgroup memory in bytes; critical is its limit (<c>MemoryMax=</c> or the machine's memory).</summary>
    UnitMemoryBytes,

    /// <summary>systemd's NRestarts of a unit, a counter; critical is a rate in restarts per hour.</summary>
    UnitRestartsTotal,
}
