using System.Net.Sockets;
using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd;

/// <summary>Puts a failed connect into words an administrator can act on.</summary>
internal static class ConnectFailure
{
    public static string Describe(Exception ex, string? address)
    {
        if (ex is SystemdUnreachableException)
            return ex.Message;
        var root = ex;
        while (root.InnerException is not null)
            root = root.InnerException;
        if (ex is DBusConnectFailedException || root is SocketException)
            return $"no D-Bus at {address}: {root.Message}";
        return $"{ex.GetType().Name} while connecting to systemd at {address}: {root.Message}";
    }
}
