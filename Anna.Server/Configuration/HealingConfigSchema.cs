namespace Anna.Server.Configuration;

/// <summary>
/// The tables and keys healing.toml may contain. Anything else is an error, so a typo never
/// silently falls back to a default.
/// </summary>
internal static class HealingConfigSchema
{
    public const string Healing = "healing";
    public const string Schedule = "healing.schedule";
    public const string Rollback = "healing.rollback";
    public const string CircuitBreaker = "healing.circuit_breaker";
    public const string Probes = "probes";
    public const string DiskProbe = "probes.disk";
    public const string LogsProbe = "probes.logs";
    public const string MemoryProbe = "probes.memory";

    // Ordered as in the documented file, so "expected one of" reads like the docs.
    private static readonly (string Table, string[] Keys)[] Layout =
    [
        (Healing, ["policy", "max_actions_per_session", "require_approval", "auto_heal", "never_auto_heal",
            "scan_interval", "settle_seconds"]),
        (Schedule, ["preferred_hours", "avoid_hours", "preferred_days", "avoid_days"]),
        (Rollback, ["history_size", "auto_rollback_on_failure", "rollback_timeout"]),
        (CircuitBreaker, ["max_failures", "failure_window"]),
        (Probes, []),
        (DiskProbe, ["warning_percent", "critical_percent", "inode_warning_percent", "inode_critical_percent"]),
        (LogsProbe, ["paths", "max_file_mb", "max_age_days", "journal_max_mb"]),
        (MemoryProbe, ["available_warning_percent", "available_critical_percent", "psi_some_avg10_warning"]),
    ];

    private static readonly HashSet<string> Tables = Layout.Select(t => t.Table).ToHashSet(StringComparer.Ordinal);

    private static readonly HashSet<string> Keys =
        Layout.SelectMany(t => t.Keys.Select(k => $"{t.Table}.{k}")).ToHashSet(StringComparer.Ordinal);

    public static bool IsTable(string path) => Tables.Contains(path);

    public static bool IsKey(string path) => Keys.Contains(path);

    /// <summary>What may appear directly inside <paramref name="table"/> ("" is the document root).</summary>
    public static IReadOnlyList<string> ChildrenOf(string table)
    {
        var prefix = table.Length == 0 ? "" : table + ".";
        var keys = Layout.Where(t => t.Table == table).SelectMany(t => t.Keys);
        var subTables = Tables
            .Where(t => t.StartsWith(prefix, StringComparison.Ordinal) && !t[prefix.Length..].Contains('.'))
            .Select(t => t[prefix.Length..]);
        return [.. keys, .. subTables];
    }

    /// <summary>The known child closest to a misspelt name, if it is close enough to be a likely typo.</summary>
    public static string? Suggest(string table, string name)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in ChildrenOf(table))
        {
            var distance = EditDistance(name, candidate);
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        return bestDistance <= Math.Max(2, name.Length / 4) ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
