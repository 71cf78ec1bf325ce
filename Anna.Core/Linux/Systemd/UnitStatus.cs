namespace Anna.Core.Linux.Systemd;

/// <summary>The properties of a unit that healing decisions need, read over D-Bus.</summary>
/// <param name="ActiveState">active, reloading, inactive, failed, activating, deactivating.</param>
/// <param name="SubState">Type-specific state, e.g. running, dead, failed, auto-restart.</param>
/// <param name="Result">Service result: success, exit-code, signal, core-dump, start-limit-hit, …</param>
/// <param name="MainPid">0 when no main process runs.</param>
/// <param name="NRestarts">How often systemd itself restarted the service.</param>
/// <param name="Restart">The unit's Restart= setting: no, always, on-failure, …</param>
public sealed record UnitStatus(
    UnitName Name,
    string LoadState,
    string ActiveState,
    string SubState,
    string Result,
    uint MainPid,
    uint NRestarts,
    string Restart,
    string Description)
{
    /// <summary>The exit status (or signal number) of the main process's last run; 0 when none.</summary>
    public int ExecMainStatus { get; init; }

    /// <summary>The unit's MemoryMax= in bytes; null when unlimited or not a service.</summary>
    public ulong? MemoryMax { get; init; }

    /// <summary>The memory its control group uses now (cgroup memory accounting); null when systemd does not know.</summary>
    public ulong? MemoryCurrent { get; init; }

    /// <summary>systemd's verdict that the kernel's OOM killer killed a process of the unit.</summary>
    public bool OomKilled => Result == "oom-kill";

    public bool IsFailed => ActiveState == "failed";

    public bool IsActive => ActiveState == "active";

    /// <summary>
    /// The unit hit its start limit: systemd says so in Result when a start was refused, and when
    /// its own Restart= should have brought a failed unit back but did not, it gave up on the limit
    /// too (systemd 252 then keeps the original Result, e.g. "signal").
    /// </summary>
    public bool HitStartLimit => Result == "start-limit-hit" || (IsFailed && RestartPolicy.Covers(Restart, Result));
}
