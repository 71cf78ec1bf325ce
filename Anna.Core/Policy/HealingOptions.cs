using Anna.Core.Vocabulary;
using Anna.Core.Risk;

namespace Anna.Core.Policy;

/// <summary>
/// The user's policy, read from healing.toml. Every property has the default that applies
/// when the key (or the whole file) is missing.
/// </summary>
public sealed record HealingOptions
{
    public HealingPolicy Policy { get; init; } = HealingPolicy.Guided;

    public int MaxActionsPerSession { get; init; } = 5;

    public IReadOnlySet<ActionRisk> RequireApproval { get; init; } =
        new HashSet<ActionRisk> { ActionRisk.Medium, ActionRisk.High, ActionRisk.Critical };

    public IReadOnlySet<ActionCategory> AutoHeal { get; init; } = new HashSet<ActionCategory>
    {
        ActionCategory.ServiceRestart, ActionCategory.CacheCleanup,
        ActionCategory.LogRotation, ActionCategory.OrphanRemoval,
    };

    public IReadOnlySet<ActionCategory> NeverAutoHeal { get; init; } = new HashSet<ActionCategory>
    {
        ActionCategory.FilesystemModify, ActionCategory.BootloaderChange,
        ActionCategory.KernelUpdate, ActionCategory.PartitionOperations,
    };

    /// <summary>Seconds between full scans; signals do the fast work, the scan is the safety net.</summary>
    public int ScanIntervalSeconds { get; init; } = 300;

    /// <summary>Seconds a restarted unit must stay active before the heal counts as a success.</summary>
    public double SettleSeconds { get; init; } = 5;

    public ScheduleOptions Schedule { get; init; } = new();

    public RollbackOptions Rollback { get; init; } = new();

    public HistoryOptions History { get; init; } = new();

    public CircuitBreakerOptions CircuitBreaker { get; init; } = new();

    public ProbeOptions Probes { get; init; } = new();

    public NotificationOptions Notifications { get; init; } = new();
}
