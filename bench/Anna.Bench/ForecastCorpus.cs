using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// Reads and writes the forecast layout of issue §3: <c>DIR/&lt;id&gt;.csv</c> with <c>timestamp,value</c>
/// (UTC, <c>YYYY-MM-DD HH:MM:SS</c>) and <c>DIR/&lt;id&gt;.json</c> with <c>metric</c> and <c>critical</c>;
/// alerts as <c>OUT/&lt;id&gt;.jsonl</c>, one <c>{"at", "eta", "confidence"}</c> per line.
/// </summary>
internal static class ForecastCorpus
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static IReadOnlyList<ForecastCase> Load(string dir)
    {
        if (!Directory.Exists(dir))
            throw new ArgumentException($"--in: {dir} does not exist");
        var cases = new List<ForecastCase>();
        foreach (var json in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(json);
            var meta = JsonNode.Parse(File.ReadAllText(json)) as JsonObject
                ?? throw new InvalidDataException($"{json}: not a JSON object");
            var metricName = (string?)meta["metric"];
            var metric = ForecastMetricNames.Parse(metricName)
                ?? throw new InvalidDataException($"{json}: metric: '{metricName}' is not one of {string.Join(", ", ForecastMetricNames.All)}");
            var critical = meta["critical"] is JsonValue c && c.TryGetValue<double>(out var v) && double.IsFinite(v)
                ? v
                : throw new InvalidDataException($"{json}: critical: a number is required");
            var (timestamps, values) = ReadCsv(Path.Combine(dir, id + ".csv"));
            cases.Add(new ForecastCase(id, metric, critical, (string?)meta["situation"], timestamps, values));
        }
        if (cases.Count == 0)
            throw new ArgumentException($"--in: {dir} holds no <id>.json");
        return cases;
    }

    public static void Save(string dir, IEnumerable<ForecastCase> cases)
    {
        Directory.CreateDirectory(dir);
        foreach (var c in cases)
        {
            var meta = new JsonObject { ["metric"] = c.Metric.Name(), ["critical"] = c.Critical };
            if (c.Situation is not null)
                meta["situation"] = c.Situation;
            File.WriteAllText(Path.Combine(dir, c.Id + ".json"), meta.ToJsonString() + "\n");
            var csv = new StringBuilder("timestamp,value\n");
            for (var i = 0; i < c.Length; i++)
                csv.Append(c.Timestamps[i].ToString(TimeFormat, CultureInfo.InvariantCulture)).Append(',')
                   .Append(c.Values[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            File.WriteAllText(Path.Combine(dir, c.Id + ".csv"), csv.ToString());
        }
    }

    public static void WriteAlerts(string dir, string id, IEnumerable<ForecastAlert> alerts)
    {
        Directory.CreateDirectory(dir);
        var lines = new StringBuilder();
        foreach (var a in alerts)
            lines.Append(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["at"] = a.At.ToString(TimeFormat, CultureInfo.InvariantCulture),
                ["eta"] = a.Eta.ToString(TimeFormat, CultureInfo.InvariantCulture),
                ["confidence"] = Math.Round(a.Confidence, 4),
            })).Append('\n');
        File.WriteAllText(Path.Combine(dir, id + ".jsonl"), lines.ToString());
    }

    /// <summary>The alerts of one series; none when its file is missing (a model that never alerted may write nothing).</summary>
    public static IReadOnlyList<ForecastAlert> ReadAlerts(string dir, string id)
    {
        var path = Path.Combine(dir, id + ".jsonl");
        if (!File.Exists(path))
            return [];
        var alerts = new List<ForecastAlert>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var node = JsonNode.Parse(line) as JsonObject ?? throw new InvalidDataException($"{path}:{number}: not a JSON object");
            alerts.Add(new ForecastAlert(
                ParseTime((string?)node["at"], $"{path}:{number}: at"),
                ParseTime((string?)node["eta"], $"{path}:{number}: eta"),
                node["confidence"] is JsonValue v && v.TryGetValue<double>(out var c) ? c : double.NaN));
        }
        return alerts;
    }

    public static DateTime ParseTime(string? text, string where) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? DateTime.SpecifyKind(t, DateTimeKind.Utc)
            : throw new InvalidDataException($"{where}: '{text}' is not {TimeFormat}");

    private static (DateTime[] Timestamps, double[] Values) ReadCsv(string path)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"{path} is missing");
        var timestamps = new List<DateTime>();
        var values = new List<double>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (number == 1)
            {
                if (line.Trim() != "timestamp,value")
                    throw new InvalidDataException($"{path}:1: the header must be timestamp,value");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var comma = line.IndexOf(',');
            if (comma < 0 || !double.TryParse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new InvalidDataException($"{path}:{number}: expected timestamp,value");
            timestamps.Add(ParseTime(line[..comma], $"{path}:{number}: timestamp"));
            values.Add(value);
        }
        return ([.. timestamps], [.. values]);
    }
}
