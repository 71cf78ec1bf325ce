using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Logind;

/// <summary>
/// Counts logind's sessions over D-Bus: <c>ListSessions</c> on the manager, then each session's
/// <c>Class</c>, <c>Active</c> and <c>IdleHint</c>. One connection is kept and thrown away on any
/// failure (logind restarted, the bus went), so the next count connects afresh; nothing here waits
/// for logind to come back. The address is "system" in production and a private bus in tests.
/// </summary>
public sealed class LogindSessions(string busAddress) : ILoginSessions, IDisposable
{
    private delegate void BodyWriter<TState>(ref MessageWriter writer, TState state);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DBusConnection? _connection;

    public string Address { get; } = Linux.Systemd.SystemdBus.ResolveAddress(busAddress)
        ?? throw new ArgumentException("the session bus was asked for but DBUS_SESSION_BUS_ADDRESS names none", nameof(busAddress));

    public async Task<LoginSessionCount> CountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _connection ??= await ConnectAsync(cancellationToken).ConfigureAwait(false);
            var paths = await connection.CallMethodAsync(
                Build(connection, LogindBus.ManagerPath, LogindBus.ManagerInterface, "ListSessions", null, 0, static (ref MessageWriter _, int _) => { }),
                static (Message m, object? _) => ReadSessionPaths(m), null).WaitAsync(cancellationToken).ConfigureAwait(false);
            // Pipelined: one round trip's wait for all of them, not one per session.
            var sessions = await Task.WhenAll(paths.Select(path => connection.CallMethodAsync(
                Build(connection, path, LogindBus.PropertiesInterface, "GetAll", "s", LogindBus.SessionInterface,
                    static (ref MessageWriter w, string i) => w.WriteString(i)),
                static (Message m, object? _) => m.GetBodyReader().ReadDictionaryOfStringToVariantValue(), null)))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            var people = sessions.Where(IsPerson).ToList();
            return new LoginSessionCount(people.Count, people.Count(p => Flag(p, "Active") && !Flag(p, "IdleHint")));
        }
        catch
        {
            // Whatever went wrong — a timeout included, as a hung logind may have left a call open — a
            // fresh connection next time: a half-broken one would fail forever.
            _connection?.Dispose();
            _connection = null;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private Task<DBusConnection> ConnectAsync(CancellationToken cancellationToken) => BusConnection.OpenAsync(Address, cancellationToken);

    // "user" and, since systemd 256, "user-early" and "user-incomplete" are people; "greeter",
    // "lock-screen", "background" and "manager" (a user's systemd) are not.
    private static bool IsPerson(Dictionary<string, VariantValue> properties) =>
        properties.TryGetValue("Class", out var value) && value.Type == VariantValueType.String
        && (value.GetString() == "user" || value.GetString().StartsWith("user-", StringComparison.Ordinal));

    private static bool Flag(Dictionary<string, VariantValue> properties, string name) =>
        properties.TryGetValue(name, out var value) && value.Type == VariantValueType.Bool && value.GetBool();

    private static List<string> ReadSessionPaths(Message message)
    {
        // a(susso): session id, uid, user name, seat id, object path
        var reader = message.GetBodyReader();
        var paths = new List<string>();
        var end = reader.ReadArrayStart(DBusType.Struct);
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            reader.ReadString();
            reader.ReadUInt32();
            reader.ReadString();
            reader.ReadString();
            paths.Add(reader.ReadObjectPathAsString());
        }
        return paths;
    }

    private static MessageBuffer Build<TState>(
        DBusConnection connection, string path, string @interface, string member, string? signature, TState state, BodyWriter<TState> body)
    {
        var writer = connection.GetMessageWriter();
        try
        {
            // NoAutoStart: Anna counts the logind that is there; it never asks the bus to start one.
            writer.WriteMethodCallHeader(LogindBus.Service, path, @interface, member, signature, MessageFlags.NoAutoStart);
            body(ref writer, state);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _gate.Dispose();
    }
}
