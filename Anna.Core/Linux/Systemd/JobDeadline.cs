namespace Anna.Core.Linux.Systemd;

/// <summary>
/// How long Anna waits for a start, stop or restart job, from the unit's own timeouts: systemd
/// itself fails a job that outlasts them, so waiting that long (and a little for systemd to say so)
/// never gives up on a unit that is merely slow — a database whose TimeoutStartSec= is ten minutes
/// is not reported failed at three. A timeout that is infinite (a Type=oneshot unit's start, by
/// default) or unknown gets the fallback; none is waited for longer than the ceiling.
/// </summary>
public static class JobDeadline
{
    /// <summary>For systemd to kill, reap and report once a timeout fired.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>The longest any job is waited for, whatever the unit says.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromMinutes(15);

    /// <param name="method">StartUnit, StopUnit or RestartUnit.</param>
    /// <param name="startTimeout">The unit's TimeoutStartUSec; null when infinite or unknown.</param>
    /// <param name="stopTimeout">The unit's TimeoutStopUSec; null when infinite or unknown.</param>
    /// <param name="fallback">What is waited when a timeout the job involves is infinite or unknown.</param>
    public static TimeSpan For(string method, TimeSpan? startTimeout, TimeSpan? stopTimeout, TimeSpan fallback)
    {
        // A stop may wait its timeout twice: after SIGTERM, and again after SIGKILL. A start that
        // times out is stopped the same way before the job ends.
        TimeSpan? worst = method switch
        {
            "StartUnit" => startTimeout + 2 * stopTimeout,
            "StopUnit" => 2 * stopTimeout,
            "RestartUnit" => startTimeout + 4 * stopTimeout,
            _ => null,
        };
        return worst is { } known ? Min(known + Grace, Ceiling) : Min(fallback, Ceiling);
    }

    /// <summary>
    /// A timeout as systemd's D-Bus properties give it: microseconds, with UINT64_MAX (and 0) for infinity.
    /// Anything past the ceiling counts as the ceiling (the result is capped there anyway).
    /// </summary>
    public static TimeSpan? FromMicroseconds(ulong microseconds) =>
        microseconds is 0 or ulong.MaxValue ? null
        : microseconds >= (ulong)(Ceiling.Ticks / 10) ? Ceiling
        : TimeSpan.FromTicks((long)microseconds * 10);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
