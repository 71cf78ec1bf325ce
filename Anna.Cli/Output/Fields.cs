using System.Globalization;
using System.Text.Json;

namespace Anna.Cli.Output;

/// <summary>Reading the API's JSON for text output: absent or null fields read as empty.</summary>
internal static class Fields
{
    public static string Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.ToString()
            : "";

    public static JsonElement Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string? name = null)
    {
        var list = name is null ? e : e.Obj(name);
        return list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : [];
    }

    /// <summary>"low" → "Low", as the roadmap prints risks.</summary>
    public static string Title(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..].Replace('_', ' ');

    public static string LocalTime(string iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : iso;
}
