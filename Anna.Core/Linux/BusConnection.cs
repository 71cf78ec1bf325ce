using Tmds.DBus.Protocol;

namespace Anna.Core.Linux;

/// <summary>A D-Bus connection opened and ready, or disposed when it could not be: no half-open connection leaks.</summary>
internal static class BusConnection
{
    public static async Task<DBusConnection> OpenAsync(string address, CancellationToken cancellationToken)
    {
        var connection = new DBusConnection(address);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
