using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd;

/// <summary>Names on the bus that systemd's D-Bus API (org.freedesktop.systemd1(5)) lives under.</summary>
internal static class SystemdBus
{
    public const string Service = "org.freedesktop.systemd1";
    public const string ManagerPath = "/org/freedesktop/systemd1";
    public const string UnitPathPrefix = "/org/freedesktop/systemd1/unit";
    public const string ManagerInterface = "org.freedesktop.systemd1.Manager";
    public const string UnitInterface = "org.freedesktop.systemd1.Unit";
    public const string ServiceInterface = "org.freedesktop.systemd1.Service";
    public const string PropertiesInterface = "org.freedesktop.DBus.Properties";

    /// <summary>
    /// Turns the configured bus setting into a D-Bus address: "system", "session" or an explicit
    /// address such as unix:path=/run/user/1000/bus. Null when the session bus is asked for but the
    /// environment names none.
    /// </summary>
    public static string? ResolveAddress(string busAddress)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(busAddress);
        return busAddress.Trim() switch
        {
            "system" => DBusAddress.System,
            "session" => DBusAddress.Session,
            var explicitAddress => explicitAddress,
        };
    }
}
