using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// Readers for the signals Anna listens to. They run on the library's receive thread, so they only
/// pick the few fields needed out of the message and allocate little.
/// </summary>
internal static class SystemdSignals
{
    /// <summary>PropertiesChanged(s interface, a{sv} changed, as invalidated) on a unit object.</summary>
    public static UnitStateSignal? ReadUnitStateChange(Message message, object? state)
    {
        var unit = UnitObjectPath.TryGetUnitName(message.PathAsString);
        if (unit is null)
            return null;
        var reader = message.GetBodyReader();
        if (reader.ReadString() != SystemdBus.UnitInterface)
            return null;
        string? active = null;
        string? sub = null;
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            var key = reader.ReadString();
            var value = reader.ReadVariantValue();
            if (key == "ActiveState" && value.Type == VariantValueType.String)
                active = value.GetString();
            else if (key == "SubState" && value.Type == VariantValueType.String)
                sub = value.GetString();
        }
        return active is null ? null : new UnitStateSignal(unit, active, sub ?? "");
    }

    /// <summary>JobRemoved(u id, o job, s unit, s result).</summary>
    public static (string JobPath, string Result) ReadJobRemoved(Message message, object? state)
    {
        var reader = message.GetBodyReader();
        reader.ReadUInt32();
        var job = reader.ReadObjectPathAsString();
        reader.ReadString();
        var result = reader.ReadString();
        return (job, result);
    }
}
