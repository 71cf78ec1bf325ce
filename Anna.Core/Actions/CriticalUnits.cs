using System.Collections.Frozen;
using Anna.Core.Linux.Systemd;

namespace Anna.Core.Actions;

/// <summary>
/// Services whose restart can cut off remote access or the machine's own plumbing. Restarting
/// them is still the fix when they failed, but a person should see it coming.
/// </summary>
public static class CriticalUnits
{
    private static readonly FrozenSet<string> Names = new[]
    {
        "ssh.service", "sshd.service", "dbus.service", "dbus-broker.service",
        "systemd-journald.service", "systemd-logind.service", "systemd-udevd.service",
        "systemd-networkd.service", "systemd-resolved.service", "NetworkManager.service",
        "networking.service", "polkit.service",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool Contains(UnitName unit) => Names.Contains(unit.Value);
}
