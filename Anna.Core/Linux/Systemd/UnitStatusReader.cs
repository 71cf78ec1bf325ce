using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd;

/// <summary>Reads a <see cref="UnitStatus"/> out of systemd's Unit and Service property sets.</summary>
internal static class UnitStatusReader
{
    public static bool IsService(UnitName name) => name.Value.EndsWith(".service", StringComparison.Ordinal);

    public static async Task<UnitStatus> ReadAsync(DBusConnection connection, UnitName name, string objectPath, CancellationToken cancellationToken)
    {
        var unitTask = SystemdCalls.GetAllPropertiesAsync(connection, objectPath, SystemdBus.UnitInterface);
        var serviceTask = IsService(name)
            ? SystemdCalls.GetAllPropertiesAsync(connection, objectPath, SystemdBus.ServiceInterface)
            : Task.FromResult<Dictionary<string, VariantValue>>([]);
        var unit = await unitTask.WaitAsync(cancellationToken).ConfigureAwait(false);
        var service = await serviceTask.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Create(name, String(unit, "LoadState"), String(unit, "ActiveState"), String(unit, "SubState"), String(unit, "Description"), service);
    }

    /// <summary>Service-only fields; units of other types get the neutral values.</summary>
    public static UnitStatus Create(UnitName name, string load, string active, string sub, string description, Dictionary<string, VariantValue> service) =>
        new(name, load, active, sub,
            Result: String(service, "Result"),
            MainPid: UInt32(service, "MainPID"),
            NRestarts: UInt32(service, "NRestarts"),
            Restart: String(service, "Restart"),
            Description: description)
        {
            ExecMainStatus = Int32(service, "ExecMainStatus"),
            // UINT64_MAX is systemd's "infinity".
            MemoryMax = UInt64(service, "MemoryMax") is var max and > 0 and < ulong.MaxValue ? max : null,
            MemoryCurrent = service.TryGetValue("MemoryCurrent", out var current) && current.Type == VariantValueType.UInt64 && current.GetUInt64() < ulong.MaxValue
                ? current.GetUInt64() : null,
        };

    private static string String(Dictionary<string, VariantValue> properties, string key) =>
        properties.TryGetValue(key, out var value) && value.Type == VariantValueType.String ? value.GetString() : "";

    private static int Int32(Dictionary<string, VariantValue> properties, string key) =>
        properties.TryGetValue(key, out var value) && value.Type == VariantValueType.Int32 ? value.GetInt32() : 0;

    private static ulong UInt64(Dictionary<string, VariantValue> properties, string key) =>
        properties.TryGetValue(key, out var value) && value.Type == VariantValueType.UInt64 ? value.GetUInt64() : 0;

    private static uint UInt32(Dictionary<string, VariantValue> properties, string key) =>
        properties.TryGetValue(key, out var value) && value.Type == VariantValueType.UInt32 ? value.GetUInt32() : 0;
}
