using Anna.Core.Actions;
using Anna.Core.Policy;
using Anna.Core.Risk;
using static Anna.Server.Configuration.HealingConfigSchema;

namespace Anna.Server.Configuration;

/// <summary>
/// One healing.toml key and the value to write for it: a string, long, double, bool, or a list of
/// strings or longs. Kept as plain TOML-shaped values (not <see cref="HealingOptions"/>) so that a
/// value the options cannot hold, such as hour 24, can still be written into a candidate document
/// and rejected by the parser with its usual message.
/// </summary>
public sealed record TomlSetting(string Key, object Value)
{
    /// <summary>Every key of the schema, in the documented order, with the values of <paramref name="options"/>.</summary>
    public static IReadOnlyList<TomlSetting> FromOptions(HealingOptions options) =>
    [
        new($"{Healing}.policy", options.Policy.ToString().ToLowerInvariant()),
        new($"{Healing}.max_actions_per_session", (long)options.MaxActionsPerSession),
        new($"{Healing}.require_approval", Names(options.RequireApproval.Order().Select(r => r.ToName()))),
        new($"{Healing}.auto_heal", Names(options.AutoHeal.Order().Select(c => c.ToName()))),
        new($"{Healing}.never_auto_heal", Names(options.NeverAutoHeal.Order().Select(c => c.ToName()))),
        new($"{Healing}.scan_interval", (long)options.ScanIntervalSeconds),
        new($"{Healing}.settle_seconds", options.SettleSeconds),
        new($"{Schedule}.preferred_hours", Numbers(options.Schedule.PreferredHours)),
        new($"{Schedule}.avoid_hours", Numbers(options.Schedule.AvoidHours)),
        new($"{Schedule}.preferred_days", Numbers(options.Schedule.PreferredDays)),
        new($"{Schedule}.avoid_days", Numbers(options.Schedule.AvoidDays)),
        new($"{Rollback}.history_size", (long)options.Rollback.HistorySize),
        new($"{Rollback}.auto_rollback_on_failure", options.Rollback.AutoRollbackOnFailure),
        new($"{Rollback}.rollback_timeout", (long)options.Rollback.RollbackTimeoutMinutes),
        new($"{CircuitBreaker}.max_failures", (long)options.CircuitBreaker.MaxFailures),
        new($"{CircuitBreaker}.failure_window", (long)options.CircuitBreaker.FailureWindowMinutes),
        new($"{DiskProbe}.warning_percent", (long)options.Probes.Disk.WarningPercent),
        new($"{DiskProbe}.critical_percent", (long)options.Probes.Disk.CriticalPercent),
        new($"{DiskProbe}.inode_warning_percent", (long)options.Probes.Disk.InodeWarningPercent),
        new($"{DiskProbe}.inode_critical_percent", (long)options.Probes.Disk.InodeCriticalPercent),
        new($"{LogsProbe}.paths", Names(options.Probes.Logs.Paths)),
        new($"{LogsProbe}.max_file_mb", (long)options.Probes.Logs.MaxFileMegabytes),
        new($"{LogsProbe}.max_age_days", (long)options.Probes.Logs.MaxAgeDays),
        new($"{LogsProbe}.journal_max_mb", (long)options.Probes.Logs.JournalMaxMegabytes),
        new($"{MemoryProbe}.available_warning_percent", (long)options.Probes.Memory.AvailableWarningPercent),
        new($"{MemoryProbe}.available_critical_percent", (long)options.Probes.Memory.AvailableCriticalPercent),
        new($"{MemoryProbe}.psi_some_avg10_warning", options.Probes.Memory.PsiSomeAvg10Warning),
    ];

    /// <summary>The table the key lives in ("healing.schedule" for "healing.schedule.avoid_days").</summary>
    public string Table => Key[..Key.LastIndexOf('.')];

    /// <summary>The key's own name within its table.</summary>
    public string Name => Key[(Key.LastIndexOf('.') + 1)..];

    private static IReadOnlyList<string> Names(IEnumerable<string> names) => [.. names];

    private static IReadOnlyList<long> Numbers(IEnumerable<int> numbers) => [.. numbers.Select(n => (long)n)];
}
