using System.Globalization;
using System.Text.Json;

namespace Anna.Bench;

/// <summary>
/// The Numenta Anomaly Benchmark as published: <c>data/**/*.csv</c> (<c>timestamp,value</c>) and
/// <c>labels/combined_windows.json</c> (per file, windows as [first, last] timestamps).
/// </summary>
internal static class NabCorpus
{
    public static IReadOnlyList<NabSeries> Load(string root)
    {
        var dataDir = Path.Combine(root, "data");
        var labelsPath = Path.Combine(root, "labels", "combined_windows.json");
        if (!Directory.Exists(dataDir))
            throw new ArgumentException($"--data: {dataDir} does not exist (expected NAB's data/ and labels/)");
        if (!File.Exists(labelsPath))
            throw new ArgumentException($"--data: {labelsPath} does not exist");
        var labels = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(File.ReadAllText(labelsPath))
            ?? throw new InvalidDataException($"{labelsPath} is empty");

        var corpus = new List<NabSeries>();
        foreach (var file in Directory.EnumerateFiles(dataDir, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(dataDir, file).Replace('\\', '/');
            var (timestamps, values) = ReadCsv(file);
            var windows = new List<NabWindow>();
            if (labels.TryGetValue(relative, out var limits))
            {
                var index = new Dictionary<DateTime, int>(timestamps.Length);
                for (var i = 0; i < timestamps.Length; i++)
                    index[ParseTime(timestamps[i])] = i;
                foreach (var limit in limits)
                {
                    if (limit.Length != 2 || !index.TryGetValue(ParseTime(limit[0]), out var first) || !index.TryGetValue(ParseTime(limit[1]), out var last))
                        throw new InvalidDataException($"{relative}: window [{string.Join(", ", limit)}] does not match the file's rows");
                    windows.Add(new NabWindow(first, last));
                }
            }
            corpus.Add(new NabSeries(relative, timestamps, values, windows));
        }
        if (corpus.Count == 0)
            throw new ArgumentException($"--data: no *.csv under {dataDir}");
        return corpus;
    }

    /// <summary>One <c>timestamp,value</c> file: the timestamps as written, the values parsed.</summary>
    public static (string[] Timestamps, double[] Values) ReadCsv(string path)
    {
        var timestamps = new List<string>();
        var values = new List<double>();
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("timestamp,value", StringComparison.Ordinal))
            throw new InvalidDataException($"{path}: header must be timestamp,value");
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
                continue;
            var comma = line.IndexOf(',');
            var end = line.IndexOf(',', comma + 1);
            var text = end < 0 ? line[(comma + 1)..] : line[(comma + 1)..end];
            if (comma < 0 || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                throw new InvalidDataException($"{path}: bad row '{line}'");
            timestamps.Add(line[..comma]);
            values.Add(value);
        }
        return (timestamps.ToArray(), values.ToArray());
    }

    // Data rows say "2014-04-10 07:15:00", labels "2014-04-10 07:15:00.000000": compare as instants.
    private static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
