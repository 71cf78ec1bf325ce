namespace Anna.Server.Configuration;

/// <summary>
/// Host settings <c>Anna:Watchdog</c>. Under systemd with <c>WatchdogSec=</c>, Anna pings the
/// watchdog only while its healing loops are alive; a pass busy for longer than
/// <see cref="StuckAfterSeconds"/> is a hung loop, the pings stop, and systemd restarts Anna.
/// </summary>
public sealed class WatchdogOptions
{
    public const string Section = "Anna:Watchdog";

    /// <summary>Longer than any action may take: the longest systemd job deadline (15 min) and a package transaction's.</summary>
    public int StuckAfterSeconds { get; set; } = 30 * 60;

    /// <summary>Crash tests only: the signal loop hangs on a state change of this unit, as a deadlocked engine would; empty is off.</summary>
    public string? HangOnUnit { get; set; }
}
