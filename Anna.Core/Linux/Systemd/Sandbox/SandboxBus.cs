using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd.Sandbox;

/// <summary>Short-lived connections to the sandbox's bus, for setup and teardown calls.</summary>
internal static class SandboxBus
{
    public static Task<DBusConnection> ConnectAsync(string address, CancellationToken cancellationToken) => BusConnection.OpenAsync(address, cancellationToken);

    /// <summary>systemd's unique name on the bus, or null while it is not there.</summary>
    public static async Task<string?> SystemdOwnerAsync(DBusConnection connection, CancellationToken cancellationToken)
    {
        using var owners = await connection.WatchNameOwnerAsync(SystemdBus.Service).WaitAsync(cancellationToken).ConfigureAwait(false);
        var owner = owners.GetCurrentOwner();
        return owner is null ? null : NameOwnerWatcher.GetOwnerBusName(owner);
    }
}
