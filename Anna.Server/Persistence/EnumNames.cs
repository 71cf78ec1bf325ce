using System.Collections.Frozen;

namespace Anna.Server.Persistence;

/// <summary>Cached snake_case names of an enum's values, both ways.</summary>
internal static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => SnakeCase.From(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToName(TEnum value) => Names[value];

    // A value this build does not know means the file was written by a newer Anna or edited
    // by hand; failing loudly beats reading it as the enum's default.
    public static TEnum Parse(string name) => Values.TryGetValue(name, out var value)
        ? value
        : throw new InvalidDataException($"Unknown {typeof(TEnum).Name} '{name}' in the store.");
}
