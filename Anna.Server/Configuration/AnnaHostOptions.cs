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
}
