namespace Anna.Core.Samples;

/// <summary>The names of the series the probes measure; a series is a metric of one subject.</summary>
public static class SampleMetric
{
    /// <summary>Bytes used on a filesystem (total − free), per mount point.</summary>
    public const string DiskUsedBytes = "disk_used_bytes";

    /// <summary>Inodes used on a filesystem, per mount point.</summary>
    public const string DiskInodesUsed = "disk_inodes_used";

    /// <summary>The share of a filesystem in use as the disk probe judges it (df's count), 0–100: what forecasts follow.</summary>
    public const string DiskUsedPercent = "disk_used_percent";

    /// <summary>The share of a filesystem's inodes in use, 0–100.</summary>
    public const string DiskInodesUsedPercent = "disk_inodes_used_percent";

    /// <summary>MemAvailable as a share of MemTotal, 0–100, subject "memory".</summary>
    public const string MemoryAvailablePercent = "memory_available_percent";

    /// <summary>MemAvailable from /proc/meminfo, subject "memory".</summary>
    public const string MemoryAvailableBytes = "memory_available_bytes";

    /// <summary>The share of the last 10 s some task stalled on memory (PSI "some avg10"), subject "memory".</summary>
    public const string MemoryPressureSomeAvg10 = "memory_psi_some_avg10";

    /// <summary>systemd's NRestarts of a service, a counter: how often systemd restarted it itself.</summary>
    public const string UnitRestarts = "unit_restarts";

    /// <summary>The unit's cgroup memory.current.</summary>
    public const string UnitMemoryBytes = "unit_memory_bytes";

    /// <summary>
    /// The unit's <c>MemoryMax=</c> in bytes, recorded with <see cref="UnitMemoryBytes"/> (same time) for each
    /// unit that has one: the limit that memory is forecast against, kept as history so a restart knows it too.
    /// </summary>
    public const string UnitMemoryMaxBytes = "unit_memory_max_bytes";

    /// <summary>The oom_kill count of the unit's cgroup memory.events, a counter.</summary>
    public const string UnitOomKills = "unit_oom_kills";

    /// <summary>Sessions of people that are active and not idle, from logind; subject "logind". How the machine is used, for learned maintenance windows.</summary>
    public const string ActiveSessions = "activity_active_sessions";

    /// <summary>The share of the time since the previous sample the CPUs were busy (/proc/stat), percent; subject "cpu".</summary>
    public const string CpuBusyPercent = "activity_cpu_busy_percent";

    /// <summary>The share of the last 10 s some task stalled on the CPU (PSI "some avg10"), subject "cpu".</summary>
    public const string CpuPressureSomeAvg10 = "activity_cpu_psi_some_avg10";

    /// <summary>The share of the last 10 s some task stalled on I/O (PSI "some avg10"), subject "io".</summary>
    public const string IoPressureSomeAvg10 = "activity_io_psi_some_avg10";

    /// <summary>The 1-minute load average divided by the CPUs Anna may use; subject "load". 1 = every CPU had work.</summary>
    public const string LoadPerCpu = "activity_load1_per_cpu";

    /// <summary>
    /// True for a series that records a setting rather than a measurement (a unit's limit): it moves only when
    /// someone sets it, so it is context for other series, never something unusual in itself.
    /// </summary>
    public static bool IsSetting(string metric) => metric == UnitMemoryMaxBytes;

    public static readonly IReadOnlyList<string> All =
    [
        DiskUsedBytes, DiskInodesUsed, DiskUsedPercent, DiskInodesUsedPercent, MemoryAvailableBytes, MemoryAvailablePercent,
        MemoryPressureSomeAvg10, UnitRestarts, UnitMemoryBytes, UnitMemoryMaxBytes, UnitOomKills,
        ActiveSessions, CpuBusyPercent, CpuPressureSomeAvg10, IoPressureSomeAvg10, LoadPerCpu,
    ];
}
