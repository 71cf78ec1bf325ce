namespace Anna.Core.Issues;

/// <summary>The kinds of problem Anna knows, as they appear in the API, the store and metrics.</summary>
public static class IssueKind
{
    public const string FailedService = "failed_service";
    public const string LowDisk = "low_disk";
    public const string PackageCache = "package_cache";
    public const string LogSize = "log_size";
    public const string OrphanPackages = "orphan_packages";
    public const string OutdatedPackages = "outdated_packages";
    public const string KernelUpdate = "kernel_update";
    public const string MemoryPressure = "memory_pressure";

    /// <summary>A filesystem is forecast to reach the disk probe's critical share of bytes in use.</summary>
    public const string PredictedDiskFull = "predicted_disk_full";

    /// <summary>A filesystem is forecast to reach the critical share of inodes in use.</summary>
    public const string PredictedInodeExhaustion = "predicted_inode_exhaustion";

    /// <summary>
    /// Memory available is forecast to fall to the memory probe's critical share (subject "memory"), or a
    /// unit's memory to reach its <c>MemoryMax=</c> (subject the unit).
    /// </summary>
    public const string PredictedMemoryExhaustion = "predicted_memory_exhaustion";

    /// <summary>A service's restarts by systemd are forecast to reach the critical rate an hour; information, never fixed by itself.</summary>
    public const string RestartRateRising = "restart_rate_rising";

    /// <summary>A measured series behaves unlike its own past for a while; information, never fixed by itself.</summary>
    public const string Anomaly = "anomaly";

    /// <summary>Every kind above, for lists a person picks from (e.g. the history filter).</summary>
    public static IReadOnlyList<string> All { get; } =
        [FailedService, LowDisk, PackageCache, LogSize, OrphanPackages, OutdatedPackages, KernelUpdate, MemoryPressure, PredictedDiskFull, PredictedInodeExhaustion, PredictedMemoryExhaustion, RestartRateRising, Anomaly];
}
