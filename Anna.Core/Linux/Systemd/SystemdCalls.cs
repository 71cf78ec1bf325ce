using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// The few Manager and Properties calls Anna makes, written with the low-level protocol API.
/// Every call carries NoAutoStart: Anna watches the systemd that is there and never asks the
/// bus to activate one.
/// </summary>
internal static class SystemdCalls
{
    private delegate void BodyWriter<TState>(ref MessageWriter writer, TState state);

    public static Task SubscribeAsync(DBusConnection connection) =>
        connection.CallMethodAsync(Build(connection, SystemdBus.ManagerPath, SystemdBus.ManagerInterface, "Subscribe", null, 0, static (ref MessageWriter _, int _) => { }));

    /// <summary>A Manager method without arguments or return value: Reload, Exit, Reexecute.</summary>
    public static Task ManagerCallAsync(DBusConnection connection, string method) =>
        connection.CallMethodAsync(Build(connection, SystemdBus.ManagerPath, SystemdBus.ManagerInterface, method, null, 0, static (ref MessageWriter _, int _) => { }));

    public static Task<string> ManagerJobAsync(DBusConnection connection, string method, string unit) =>
        connection.CallMethodAsync(
            Build(connection, SystemdBus.ManagerPath, SystemdBus.ManagerInterface, method, "ss", unit, static (ref MessageWriter w, string u) =>
            {
                w.WriteString(u);
                // "replace": the documented default of systemctl; a pending opposite job is replaced.
                w.WriteString("replace");
            }),
            static (Message m, object? _) => m.GetBodyReader().ReadObjectPathAsString(),
            null);

    public static Task ResetFailedUnitAsync(DBusConnection connection, string unit) =>
        connection.CallMethodAsync(Build(connection, SystemdBus.ManagerPath, SystemdBus.ManagerInterface, "ResetFailedUnit", "s", unit, static (ref MessageWriter w, string u) => w.WriteString(u)));

    public static Task<string> LoadUnitAsync(DBusConnection connection, string unit) =>
        connection.CallMethodAsync(
            Build(connection, SystemdBus.ManagerPath, SystemdBus.ManagerInterface, "LoadUnit", "s", unit, static (ref MessageWriter w, string u) => w.WriteString(u)),
            static (Message m, object? _) => m.GetBodyReader().ReadObjectPathAsString(),
            null);

    /// <summary>ListUnits, or ListUnitsFiltered when <paramref name="states"/> is given.</summary>
    public static Task<List<UnitListEntry>> ListUnitsAsync(DBusConnection connection, string[]? states)
    {
        var message = states is null
            ? Build(connection, SystemdBus.ManagerPath, SystemdBus.ManagerInterface, "ListUnits", null, 0, static (ref MessageWriter _, int _) => { })
            : Build(connection, SystemdBus.ManagerPath, SystemdBus.ManagerInterface, "ListUnitsFiltered", "as", states, static (ref MessageWriter w, string[] s) => w.WriteArray(s));
        return connection.CallMethodAsync(message, static (Message m, object? _) => ReadUnitList(m), null);
    }

    public static Task<Dictionary<string, VariantValue>> GetAllPropertiesAsync(DBusConnection connection, string objectPath, string @interface) =>
        connection.CallMethodAsync(
            Build(connection, objectPath, SystemdBus.PropertiesInterface, "GetAll", "s", @interface, static (ref MessageWriter w, string i) => w.WriteString(i)),
            static (Message m, object? _) => m.GetBodyReader().ReadDictionaryOfStringToVariantValue(),
            null);

    /// <summary>Properties.Get of several string properties, pipelined on the connection.</summary>
    public static Task<string[]> GetStringPropertiesAsync(DBusConnection connection, string objectPath, string @interface, params string[] names) =>
        Task.WhenAll(names.Select(name => connection.CallMethodAsync(
            Build(connection, objectPath, SystemdBus.PropertiesInterface, "Get", "ss", (@interface, name), static (ref MessageWriter w, (string Interface, string Name) p) =>
            {
                w.WriteString(p.Interface);
                w.WriteString(p.Name);
            }),
            static (Message m, object? _) => m.GetBodyReader().ReadVariantValue() is { Type: VariantValueType.String } v ? v.GetString() : "",
            null)));

    private static List<UnitListEntry> ReadUnitList(Message message)
    {
        // a(ssssssouso): name, description, load, active, sub, following, path, job id, job type, job path
        var reader = message.GetBodyReader();
        var units = new List<UnitListEntry>();
        var end = reader.ReadArrayStart(DBusType.Struct);
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            var name = reader.ReadString();
            var description = reader.ReadString();
            var load = reader.ReadString();
            var active = reader.ReadString();
            var sub = reader.ReadString();
            reader.ReadString();
            var path = reader.ReadObjectPathAsString();
            reader.ReadUInt32();
            reader.ReadString();
            reader.ReadObjectPathAsString();
            units.Add(new UnitListEntry(name, description, load, active, sub, path));
        }
        return units;
    }

    private static MessageBuffer Build<TState>(
        DBusConnection connection, string path, string @interface, string member, string? signature, TState state, BodyWriter<TState> body)
    {
        var writer = connection.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(SystemdBus.Service, path, @interface, member, signature, MessageFlags.NoAutoStart);
            body(ref writer, state);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }
}
