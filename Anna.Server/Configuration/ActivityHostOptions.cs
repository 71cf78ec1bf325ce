namespace Anna.Server.Configuration;

/// <summary>
/// How Anna samples the machine's use for learned maintenance windows (section "Anna:Activity").
/// Tests point <see cref="BusAddress"/> at a private bus with a logind stand-in.
/// </summary>
public sealed class ActivityHostOptions
{
    /// <summary>Where logind is asked: "system" (default), "session", an explicit D-Bus address, or "" to sample no sessions at all.</summary>
    public string BusAddress { get; set; } = "system";

    /// <summary>Where /proc is read from (stat, loadavg, pressure/cpu, pressure/io).</summary>
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>
    /// Seconds between samples. A minute gives 60 readings to each hour's mean — plenty for "was
    /// anyone here" — at six small rows a minute; 0 turns the sampling off.
    /// </summary>
    public int IntervalSeconds { get; set; } = 60;
}
