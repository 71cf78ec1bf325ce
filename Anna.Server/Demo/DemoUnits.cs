namespace Anna.Server.Demo;

/// <summary>The services demo mode installs into its sandboxed systemd: two steady ones and one that crashes now and then.</summary>
internal static class DemoUnits
{
    // StartLimitIntervalSec=0: the demo crashes on purpose and must never hit systemd's start limit.
    private const string Steady = """
        [Unit]
        Description=Anna demo: {0}
        StartLimitIntervalSec=0

        [Service]
        ExecStart=/bin/sleep infinity
        """;

    // Exits with an error after a while, with no Restart=: only Anna brings it back.
    private const string Flaky = """
        [Unit]
        Description=Anna demo: a service that crashes every 20 seconds
        StartLimitIntervalSec=0

        [Service]
        ExecStart=/bin/sh -c 'sleep 20; echo "demo-flaky: simulated crash" >&2; exit 3'
        """;

    public static IReadOnlyList<(string Name, string Content)> All { get; } =
    [
        ("demo-web.service", string.Format(System.Globalization.CultureInfo.InvariantCulture, Steady, "a web server")),
        ("demo-worker.service", string.Format(System.Globalization.CultureInfo.InvariantCulture, Steady, "a background worker")),
        ("demo-flaky.service", Flaky),
    ];

    /// <summary>Policy for the demo: supervised, so safe restarts happen on their own, with a short settle period.</summary>
    public const string HealingToml = """
        # Demo policy written by `anna --demo`: restarts happen on their own.
        [healing]
        policy = "supervised"
        settle_seconds = 2
        scan_interval = 30
        """;
}
