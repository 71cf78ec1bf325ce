using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>
/// One healing.toml key and the value to write for it: a string, long, double, bool, or a list of
/// strings or longs. Kept as plain TOML-shaped values (not <see cref="HealingOptions"/>) so that a
/// value the options cannot hold, such as hour 24, can still be written into a candidate document
/// and rejected by the parser with its usual message.
/// </summary>
public sealed record TomlSetting(string Key, object Value)
{
    /// <summary>Every key of the schema, in the documented order, with the values of <paramref name="options"/>.</summary>
    public static IReadOnlyList<TomlSetting> FromOptions(HealingOptions options) =>
        [.. PolicySettings.All.Select(s => new TomlSetting(s.Key, s.Get(options)))];

    /// <summary>The table the key lives in ("healing.schedule" for "healing.schedule.avoid_days").</summary>
    public string Table => Key[..Key.LastIndexOf('.')];

    /// <summary>The key's own name within its table.</summary>
    public string Name => Key[(Key.LastIndexOf('.') + 1)..];
}
