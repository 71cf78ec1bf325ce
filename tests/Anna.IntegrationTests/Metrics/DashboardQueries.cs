using Anna.Testing;
using System.Text.Json;

namespace Anna.IntegrationTests.Metrics;

/// <summary>
/// The "Anna Healing" Grafana dashboard as shipped in deploy/grafana, and every query its panels
/// run, with Grafana's variables replaced the way Grafana would for one host.
/// </summary>
internal static class DashboardQueries
{
    public static string FilePath => Path.Combine(RepositoryRoot.Path, "deploy", "grafana", "anna-healing.json");

    public static JsonElement Load() => JsonDocument.Parse(File.ReadAllText(FilePath)).RootElement.Clone();

    public static IEnumerable<JsonElement> Panels(JsonElement dashboard) => dashboard.GetProperty("panels").EnumerateArray();

    /// <summary>(panel title, query with variables substituted) for every target of every panel.</summary>
    public static IReadOnlyList<(string Panel, string Query)> For(JsonElement dashboard, string instance, string range) =>
        Panels(dashboard)
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (
                Panel: p.GetProperty("title").GetString()!,
                Query: Substitute(t.GetProperty("expr").GetString()!, instance, range))))
            .ToList();

    private static string Substitute(string expression, string instance, string range) => expression
        // As Grafana does for a regex matcher: regex-escaped, then each backslash escaped for the PromQL string.
        .Replace("$instance", System.Text.RegularExpressions.Regex.Escape(instance).Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal)
        .Replace("$__rate_interval", range, StringComparison.Ordinal)
        .Replace("$__range", range, StringComparison.Ordinal)
        .Replace("$__interval", range, StringComparison.Ordinal);
}
