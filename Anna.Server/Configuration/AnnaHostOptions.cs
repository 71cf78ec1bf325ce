namespace Anna.Server.Configuration;

/// <summary>
/// Host settings, section "Anna" of appsettings.json or ANNA__… environment variables.
/// These names are a contract: scripts, packaging and tests rely on them.
/// </summary>
public sealed class AnnaHostOptions
{
    public const string Section = "Anna";

    /// <summary>Where the database and Anna's own files live; empty = /var/lib/anna as root, ./.anna otherwise.</summary>
    public string? DataDir { get; set; }

    /// <summary>Path of the policy file.</summary>
    public string HealingConfig { get; set; } = "/etc/anna/healing.toml";

    public SystemdHostOptions Systemd { get; set; } = new();

    /// <summary>Sampling of the machine's use for learned maintenance windows.</summary>
    public ActivityHostOptions Activity { get; set; } = new();

    /// <summary>
    /// How long a stop (SIGTERM) waits for the actions in flight to finish and be recorded: a package
    /// transaction cut off half-way is worse than a late stop. Below deploy/anna.service's
    /// TimeoutStopSec (5 min), so systemd never has to SIGKILL an Anna that is finishing its work.
    /// </summary>
    public int StopSeconds { get; set; } = 270;

    /// <summary>
    /// Names of the probes to run (e.g. failed_services, disk_space); empty means all of them.
    /// Demo mode and the test suite watch only their sandboxed systemd, never the machine's
    /// packages, disks or logs.
    /// </summary>
    public List<string> Probes { get; set; } = [];
}
