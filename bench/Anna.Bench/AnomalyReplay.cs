using System.Diagnostics;
using System.Globalization;

namespace Anna.Bench;

/// <summary>
/// <c>replay anomaly --in DIR --out DIR [--detector cad|anna]</c>: runs one of Anna's anomaly detectors
/// (the production class with its defaults; the daemon's <c>cad</c> unless told) over every <c>*.csv</c> under DIR (<c>timestamp,value</c>: the Numenta Anomaly
/// Benchmark's layout), sample by sample and never looking ahead, one detector per file, and writes
/// <c>OUT/&lt;same relative path&gt;</c> with <c>timestamp,value,anomaly_score</c>: what any
/// scorer of that layout reads. <c>replay nab</c> scores the same detector against NAB's labels.
/// </summary>
internal static class AnomalyReplay
{
    public const string Usage = """
        usage: Anna.Bench replay anomaly --in DIR --out DIR [--detector cad|anna]   (every *.csv under DIR with timestamp,value)
               Anna.Bench replay nab --data DIR [--out DIR] [--detector cad|anna]   (NAB: data/, labels/; scores against the labels)
        """;

    /// <summary>The per-sample budget of the daemon's detector, in microseconds.</summary>
    public const double Budget = 20;

    public static int Run(string[] args, TextWriter output)
    {
        var a = ForecastArguments.Parse(args, "--in", "--out", "--detector");
        var choice = AnomalyDetectorChoice.Parse(a.Text("--detector"));
        var input = Path.GetFullPath(a.Required("--in"));
        var outDir = Path.GetFullPath(a.Required("--out"));
        if (!Directory.Exists(input))
            throw new ArgumentException($"--in: {input} is not a directory");
        // Written under its own input, the output would be read as input the next time.
        var relative = Path.GetRelativePath(input, outDir);
        if (relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)))
            throw new ArgumentException($"--out: {outDir} must not be inside --in");
        var files = Directory.EnumerateFiles(input, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new ArgumentException($"--in: no *.csv under {input}");

        AnomalyWarmup.Run();
        long rows = 0;
        var ticks = new List<long>();
        foreach (var file in files)
        {
            var (timestamps, values) = NabCorpus.ReadCsv(file);
            var detector = AnomalyDetectorChoice.Create(choice);
            var scores = new double[values.Length];
            // Allocated before the loop, so the timed calls are the detector's alone: nothing in the
            // loop allocates, so no collection lands inside it.
            var fileTicks = new long[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                scores[i] = detector.Score(values[i]);
                fileTicks[i] = Stopwatch.GetTimestamp() - start;
            }
            ticks.AddRange(fileTicks);
            rows += values.Length;
            Write(Path.Combine(outDir, Path.GetRelativePath(input, file)), timestamps, values, scores);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"anomaly replay ({AnomalyDetectorChoice.Describe(choice)}): {files.Count} files, {rows} rows scored into {outDir}"));
        output.WriteLine($"cost per sample: {new SampleCost([.. ticks]).Format(Budget)}");
        return 0;
    }

    /// <summary>One file of scores: <c>timestamp,value,anomaly_score</c>, a row per input row, in its order.</summary>
    public static void Write(string path, IReadOnlyList<string> timestamps, IReadOnlyList<double> values, IReadOnlyList<double> scores)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path);
        writer.WriteLine("timestamp,value,anomaly_score");
        for (var i = 0; i < values.Count; i++)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{timestamps[i]},{values[i]:R},{scores[i]:R}"));
    }
}
