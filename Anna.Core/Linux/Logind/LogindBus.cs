namespace Anna.Core.Linux.Logind;

/// <summary>Names on the bus that systemd-logind's D-Bus API (org.freedesktop.login1(5)) lives under.</summary>
internal static class LogindBus
{
    public const string Service = "org.freedesktop.login1";
    public const string ManagerPath = "/org/freedesktop/login1";
    public const string ManagerInterface = "org.freedesktop.login1.Manager";
    public const string SessionInterface = "org.freedesktop.login1.Session";
    public const string PropertiesInterface = "org.freedesktop.DBus.Properties";
}
