namespace Anna.Server.Configuration;

/// <summary>Which systemd manager Anna watches.</summary>
public sealed class SystemdHostOptions
{
    /// <summary>"system" (default), "session", or an explicit D-Bus address such as unix:path=/run/user/1000/bus.</summary>
    public string BusAddress { get; set; } = "system";
}
