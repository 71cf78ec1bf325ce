using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>
/// The tables and keys healing.toml may contain, as <see cref="PolicySettings.All"/> lists them.
/// Anything else is an error, so a typo never silently falls back to a default.
/// </summary>
internal static class HealingConfigSchema
{
    public const string Healing = "healing";

    // Every table that holds a setting, and every table above one ("probes" holds only tables).
    private static readonly HashSet<string> Tables = PolicySettings.All
        .SelectMany(s => Prefixes(s.Table)).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> Keys = PolicySettings.All.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

    public static bool IsTable(string path) => Tables.Contains(path);

    public static bool IsKey(string path) => Keys.Contains(path);

    /// <summary>What may appear directly inside <paramref name="table"/> ("" is the document root).</summary>
    public static IReadOnlyList<string> ChildrenOf(string table)
    {
        var prefix = table.Length == 0 ? "" : table + ".";
        // Ordered as in the documented file, so "expected one of" reads like the docs.
        var keys = PolicySettings.All.Where(s => s.Table == table).Select(s => s.Name);
        var subTables = PolicySettings.All.SelectMany(s => Prefixes(s.Table)).Distinct()
            .Where(t => t.StartsWith(prefix, StringComparison.Ordinal) && !t[prefix.Length..].Contains('.'))
            .Select(t => t[prefix.Length..]);
        return [.. keys, .. subTables];
    }

    /// <summary>The known child closest to a misspelt name, if it is close enough to be a likely typo.</summary>
    public static string? Suggest(string table, string name) => Spelling.Closest(name, ChildrenOf(table));

    /// <summary>"probes.disk" → "probes", "probes.disk".</summary>
    private static IEnumerable<string> Prefixes(string table)
    {
        for (var dot = table.IndexOf('.'); dot >= 0; dot = table.IndexOf('.', dot + 1))
            yield return table[..dot];
        yield return table;
    }
}
