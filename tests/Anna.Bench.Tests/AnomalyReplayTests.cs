using System.Globalization;
using Anna.Core.Prediction;

namespace Anna.Bench.Tests;

/// <summary>
/// <c>replay anomaly --in DIR --out DIR</c> on a small directory in the Numenta layout: every csv under
/// DIR, nested or not, comes out at the same relative path with <c>timestamp,value,anomaly_score</c>.
/// </summary>
public sealed class AnomalyReplayTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("anna-anomaly-replay-").FullName;

    private string In => Path.Combine(_root, "in");

    private string Out => Path.Combine(_root, "out");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A level with a little seeded noise and, from <paramref name="spikeAt"/> on, a jump.</summary>
    private static (string[] Timestamps, double[] Values) Series(int rows, int spikeAt, int seed)
    {
        var random = new Random(seed);
        var start = new DateTime(2014, 4, 10, 7, 15, 0, DateTimeKind.Utc);
        var timestamps = Enumerable.Range(0, rows).Select(i => start.AddMinutes(5 * i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).ToArray();
        var values = Enumerable.Range(0, rows).Select(i => Math.Round(50 + random.NextDouble() + (i >= spikeAt ? 40 : 0), 3)).ToArray();
        return (timestamps, values);
    }

    private void WriteInput(string relative, (string[] Timestamps, double[] Values) series)
    {
        var path = Path.Combine(In, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, ["timestamp,value", .. series.Timestamps.Zip(series.Values, (t, v) => string.Create(CultureInfo.InvariantCulture, $"{t},{v}"))]);
    }

    private static string[][] ReadOutput(string path) => [.. File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void Every_csv_under_the_input_is_scored_by_the_production_detector_at_the_same_relative_path()
    {
        var machine = Series(400, spikeAt: 300, seed: 1);
        var artificial = Series(250, spikeAt: 1000, seed: 2);
        WriteInput(Path.Combine("realKnownCause", "machine_temperature.csv"), machine);
        WriteInput(Path.Combine("artificialNoAnomaly", "flat", "art_noise.csv"), artificial);
        File.WriteAllText(Path.Combine(In, "README.md"), "not data");
        var console = new StringWriter();

        Assert.Equal(0, AnomalyReplay.Run(["--in", In, "--out", Out], console));

        var written = Directory.EnumerateFiles(Out, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Out, f)).Order(StringComparer.Ordinal);
        Assert.Equal([Path.Combine("artificialNoAnomaly", "flat", "art_noise.csv"), Path.Combine("realKnownCause", "machine_temperature.csv")], written);
        Assert.Contains("2 files, 650 rows", console.ToString(), StringComparison.Ordinal);
        foreach (var (relative, series) in (ReadOnlySpan<(string, (string[] Timestamps, double[] Values))>)
                 [(Path.Combine("realKnownCause", "machine_temperature.csv"), machine), (Path.Combine("artificialNoAnomaly", "flat", "art_noise.csv"), artificial)])
        {
            var path = Path.Combine(Out, relative);
            Assert.Equal("timestamp,value,anomaly_score", File.ReadLines(path).First());
            var rows = ReadOutput(path);
            Assert.Equal(series.Timestamps, rows.Select(r => r[0]));
            Assert.Equal(series.Values, rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)));
            // The daemon's detector with its defaults, one per file, sample by sample.
            var detector = new ContextAnomalyDetector();
            Assert.Equal(series.Values.Select(detector.Score), rows.Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)));
            Assert.All(rows, r => Assert.InRange(double.Parse(r[2], CultureInfo.InvariantCulture), 0, 1));
        }
    }

    [Fact]
    public void The_median_MAD_detector_is_chosen_with_detector_anna_and_an_unknown_one_is_refused()
    {
        var series = Series(400, spikeAt: 300, seed: 1);
        WriteInput(Path.Combine("realKnownCause", "machine_temperature.csv"), series);
        var console = new StringWriter();

        Assert.Equal(0, AnomalyReplay.Run(["--in", In, "--out", Out, "--detector", "anna"], console));

        Assert.Contains("anna (median/MAD", console.ToString(), StringComparison.Ordinal);
        var scores = ReadOutput(Path.Combine(Out, "realKnownCause", "machine_temperature.csv")).Select(r => double.Parse(r[2], CultureInfo.InvariantCulture)).ToArray();
        var detector = new AnomalyDetector();
        Assert.Equal(series.Values.Select(detector.Score), scores);
        // Not the daemon's detector under another name.
        var daemon = new ContextAnomalyDetector();
        Assert.NotEqual(series.Values.Select(daemon.Score), scores);
        // The jump stands out; the same level before it does not.
        Assert.True(scores[300] > 0.9, $"the jump scored {scores[300]}");
        Assert.True(scores[200..300].Max() < scores[300], "the level before the jump scored as high as the jump");
        Assert.Contains("--detector must be anna or cad",
            Assert.Throws<ArgumentException>(() => AnomalyReplay.Run(["--in", In, "--out", Out, "--detector", "htm"], TextWriter.Null)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_score_never_depends_on_what_comes_after_it()
    {
        var full = Series(300, spikeAt: 200, seed: 3);
        WriteInput("full.csv", full);
        WriteInput(Path.Combine("cut", "prefix.csv"), (full.Timestamps[..210], full.Values[..210]));

        AnomalyReplay.Run(["--in", In, "--out", Out], TextWriter.Null);

        var whole = ReadOutput(Path.Combine(Out, "full.csv")).Select(r => r[2]);
        var prefix = ReadOutput(Path.Combine(Out, "cut", "prefix.csv")).Select(r => r[2]);
        Assert.Equal(prefix, whole.Take(210));
    }

    [Fact]
    public void Missing_options_an_empty_input_and_an_output_inside_the_input_are_refused()
    {
        Directory.CreateDirectory(In);
        Assert.Contains("--in is required", Assert.Throws<ArgumentException>(() => AnomalyReplay.Run(["--out", Out], TextWriter.Null)).Message, StringComparison.Ordinal);
        Assert.Contains("--out is required", Assert.Throws<ArgumentException>(() => AnomalyReplay.Run(["--in", In], TextWriter.Null)).Message, StringComparison.Ordinal);
        Assert.Contains("no *.csv", Assert.Throws<ArgumentException>(() => AnomalyReplay.Run(["--in", In, "--out", Out], TextWriter.Null)).Message, StringComparison.Ordinal);
        WriteInput("a.csv", Series(10, 100, 4));
        Assert.Contains("must not be inside --in",
            Assert.Throws<ArgumentException>(() => AnomalyReplay.Run(["--in", In, "--out", Path.Combine(In, "scores")], TextWriter.Null)).Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(In, "scores")));
        Assert.Throws<InvalidDataException>(() =>
        {
            File.WriteAllText(Path.Combine(In, "bad.csv"), "time,value\n1,2\n");
            AnomalyReplay.Run(["--in", In, "--out", Out], TextWriter.Null);
        });
    }
}
