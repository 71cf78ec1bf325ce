using Tmds.DBus.Protocol;

namespace Anna.Cli.Desktop;

/// <summary>
/// The desktop's notification server (org.freedesktop.Notifications) on the user's session bus:
/// shows a notification with actions and reports which action the person clicked.
/// </summary>
internal sealed class DesktopBus : IDisposable
{
    private const string Service = "org.freedesktop.Notifications";
    private const string ObjectPath = "/org/freedesktop/Notifications";

    private readonly DBusConnection _connection;
    private IDisposable? _actions;

    private DesktopBus(DBusConnection connection) => _connection = connection;

    /// <summary>Connects to the session bus at <paramref name="address"/>; <paramref name="onAction"/> gets (notification id, action key).</summary>
    public static async Task<DesktopBus> ConnectAsync(string address, Action<uint, string> onAction)
    {
        var bus = new DesktopBus(new DBusConnection(address));
        try
        {
            await bus._connection.ConnectAsync();
            bus._actions = await bus._connection.AddMatchAsync(
                new MatchRule { Type = MessageType.Signal, Interface = Service, Member = "ActionInvoked", Path = ObjectPath },
                static (Message m, object? _) =>
                {
                    var reader = m.GetBodyReader();
                    return (reader.ReadUInt32(), reader.ReadString());
                },
                (Notification<(uint Id, string Key)> n) =>
                {
                    if (n.HasValue)
                        onAction(n.Value.Id, n.Value.Key);
                },
                emitOnCapturedContext: false);
            return bus;
        }
        catch
        {
            bus.Dispose();
            throw;
        }
    }

    /// <summary>Shows a notification; returns the server's id for it.</summary>
    /// <param name="actions">Pairs of action key and button label, in order.</param>
    /// <param name="urgency">0 low, 1 normal, 2 critical.</param>
    public Task<uint> NotifyAsync(string summary, string body, IReadOnlyList<(string Key, string Label)> actions, byte urgency)
    {
        var writer = _connection.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(Service, ObjectPath, Service, "Notify", "susssasa{sv}i");
            writer.WriteString("Anna Assistant");
            writer.WriteUInt32(0);
            writer.WriteString("dialog-information");
            writer.WriteString(summary);
            writer.WriteString(body);
            writer.WriteArray(actions.SelectMany(a => new[] { a.Key, a.Label }));
            var hints = writer.WriteDictionaryStart();
            writer.WriteDictionaryEntryStart();
            writer.WriteString("urgency");
            writer.WriteVariantByte(urgency);
            writer.WriteDictionaryEnd(hints);
            writer.WriteInt32(-1);
            return _connection.CallMethodAsync(writer.CreateMessage(), static (Message m, object? _) => m.GetBodyReader().ReadUInt32());
        }
        finally
        {
            writer.Dispose();
        }
    }

    public void Dispose()
    {
        _actions?.Dispose();
        _connection.Dispose();
    }
}
