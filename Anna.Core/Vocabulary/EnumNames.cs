using System.Collections.Frozen;
using System.Text.Json;

namespace Anna.Core.Vocabulary;

/// <summary>
/// The one spelling of Anna's enum values outside the code — snake_case, as the API, the store,
/// metrics, healing.toml and the dashboard's data attributes write them — cached both ways.
/// </summary>
public static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> Names =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    private static readonly FrozenDictionary<string, TEnum> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToName(TEnum value) => Names[value];

    // A value this build does not know was written by a newer Anna or edited by hand; failing
    // loudly beats reading it as the enum's default.
    public static TEnum Parse(string name) => Values.TryGetValue(name, out var value)
        ? value
        : throw new InvalidDataException($"Unknown {typeof(TEnum).Name} '{name}'.");
}
