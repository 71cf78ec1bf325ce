namespace Anna.Core.Linux.Systemd;

/// <summary>
/// systemd's Restart= rules (systemd.service(5), table "Exit causes and the effect of the Restart=
/// settings"): whether a unit's own policy restarts it after a given result.
/// </summary>
public static class RestartPolicy
{
    public static bool Covers(string restart, string result) => restart switch
    {
        "always" => true,
        "on-success" => result == "success",
        "on-failure" => result != "success",
        "on-abnormal" => result is "signal" or "core-dump" or "watchdog" or "timeout",
        "on-abort" => result is "signal" or "core-dump",
        "on-watchdog" => result == "watchdog",
        _ => false,
    };
}
