using System.Diagnostics;
using System.Globalization;
using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// The forecast commands. <c>forecast-corpus</c> writes a generated corpus; <c>replay forecast</c> runs
/// one model over a corpus sample by sample and writes its alerts; <c>score forecast</c> scores alerts
/// against a corpus; <c>forecast-eval</c> does all of it in one run for Anna and both anchors and prints
/// one table (and per situation with <c>--by-situation yes</c>).
/// </summary>
internal static class ForecastReplay
{
    public const string Usage = """
        usage: Anna.Bench forecast-corpus --out DIR --seed N [--count N] [--noise-scale X] [--cycle-scale X]
               Anna.Bench replay forecast --in DIR --out DIR [--model anna|node-exporter|static]
               Anna.Bench score forecast --in DIR --alerts DIR
               Anna.Bench forecast-eval --seed N [--count N] [--noise-scale X] [--cycle-scale X] [--by-situation yes] [--set Option=value ...]
        """;

    public static int Corpus(string[] args, TextWriter output)
    {
        var a = ForecastArguments.Parse(args, "--out", "--seed", "--count", "--noise-scale", "--cycle-scale");
        var corpus = Generate(a);
        var dir = a.Required("--out");
        ForecastCorpus.Save(dir, corpus);
        output.WriteLine($"{corpus.Count} series ({corpus.Sum(c => c.Length)} samples) written to {dir}");
        return 0;
    }

    public static int Replay(string[] args, TextWriter output)
    {
        var a = ForecastArguments.Parse(args, "--in", "--out", "--model");
        var corpus = ForecastCorpus.Load(a.Required("--in"));
        var dir = a.Required("--out");
        var model = a.Text("--model") ?? ForecastModels.Anna;
        _ = ForecastModels.Create(model, corpus[0]);
        var raised = 0;
        foreach (var series in corpus)
        {
            var alerts = Run(ForecastModels.Create(model, series), series);
            raised += alerts.Count;
            ForecastCorpus.WriteAlerts(dir, series.Id, alerts);
        }
        output.WriteLine($"{model}: {raised} alerts over {corpus.Count} series written to {dir}");
        return 0;
    }

    public static int Score(string[] args, TextWriter output)
    {
        var a = ForecastArguments.Parse(args, "--in", "--alerts");
        var corpus = ForecastCorpus.Load(a.Required("--in"));
        var dir = a.Required("--alerts");
        if (!Directory.Exists(dir))
            throw new ArgumentException($"--alerts: {dir} does not exist");
        var outcomes = corpus.Select(c => ForecastScorer.Outcome(Truth(c), ForecastCorpus.ReadAlerts(dir, c.Id))).ToList();
        WriteHeader(output);
        WriteRow(output, Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)), ForecastScorer.Score(outcomes));
        return 0;
    }

    public static int Evaluate(string[] args, TextWriter output)
    {
        var a = ForecastArguments.Parse(args, "--seed", "--count", "--noise-scale", "--cycle-scale", "--by-situation", "--set");
        var options = a.Sets.Aggregate(ExhaustionForecasterOptions.Default, ForecastModels.Override);
        options.Validate();
        var corpus = Generate(a);
        var truths = corpus.Select(Truth).ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"forecast corpus: seed {a.Required("--seed")}, {corpus.Count} series ({truths.Count(t => t is not null)} cross, {truths.Count(t => t is null)} do not), {corpus.Sum(c => c.Length)} samples of 5 min; noise ×{a.Number("--noise-scale", 1, 0, 100)}, daily cycles ×{a.Number("--cycle-scale", 1, 0, 100)}"));
        if (a.Sets.Count > 0)
            output.WriteLine($"anna options overridden: {string.Join(", ", a.Sets)}");

        var results = new List<(string Model, List<ForecastOutcome> Outcomes)>();
        foreach (var model in ForecastModels.Names)
            results.Add((model, corpus.Select((c, i) => ForecastScorer.Outcome(truths[i], Run(ForecastModels.Create(model, c, options), c))).ToList()));

        output.WriteLine();
        WriteHeader(output);
        foreach (var (model, outcomes) in results)
            WriteRow(output, model, ForecastScorer.Score(outcomes));

        if (a.Text("--by-situation") == "yes")
        {
            output.WriteLine();
            output.WriteLine($"{"situation",-26} {"n",4}  {string.Join("  ", ForecastModels.Names.Select(m => $"{m,14}"))}   (positives: prevented; negatives: false alarms)");
            foreach (var group in corpus.Select((c, i) => (c.Situation ?? "?", i)).GroupBy(x => x.Item1))
            {
                var indexes = group.Select(x => x.i).ToArray();
                var cells = results.Select(r =>
                {
                    var o = indexes.Select(i => r.Outcomes[i]).ToList();
                    var hits = o.Count(x => x.Positive ? x.Prevented : x.FalseAlarm);
                    return $"{hits,14}";
                });
                output.WriteLine($"{group.Key,-26} {indexes.Length,4}  {string.Join("  ", cells)}");
            }
        }

        var (median, mean, p99, bytes, buffers) = Cost(corpus, options);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"anna cost per sample over {corpus.Sum(c => c.Length)} samples: median {median:F2} µs, mean {mean:F2} µs, p99 {p99:F2} µs; a series holds at most {buffers} bytes of buffers, and making its forecaster allocates at most {bytes} bytes in all"));
        return 0;
    }

    public static DateTime? Truth(ForecastCase c) =>
        ForecastTruth.Crossing(c.Metric, c.Critical, c.Timestamps, c.Values) is var i and >= 0 ? c.Timestamps[i] : null;

    public static List<ForecastAlert> Run(IForecastModel model, ForecastCase series)
    {
        var alerts = new List<ForecastAlert>();
        for (var i = 0; i < series.Length; i++)
            if (model.Observe(series.Timestamps[i], series.Values[i]) is { } alert)
                alerts.Add(alert);
        return alerts;
    }

    private static IReadOnlyList<ForecastCase> Generate(ForecastArguments a) =>
        ForecastCorpusGenerator.Generate(
            a.Integer("--seed", 0, int.MinValue, int.MaxValue) is var seed && a.Text("--seed") is null ? throw new ArgumentException("--seed is required") : seed,
            a.Integer("--count", 400, 1, 100_000),
            new ForecastGeneratorSettings(a.Number("--noise-scale", 1, 0, 100), a.Number("--cycle-scale", 1, 0, 100)));

    // Each sample timed on its own (the hourly evaluation lands on one sample in twelve); the buffers a
    // forecaster holds, and all it allocates when it is made (the buffers, the object, a little that
    // is garbage at once): observing adds nothing while no alert stands.
    private static (double Median, double Mean, double P99, long Bytes, int Buffers) Cost(IReadOnlyList<ForecastCase> corpus, ExhaustionForecasterOptions options)
    {
        var ticks = new long[corpus.Sum(c => c.Length)];
        var k = 0;
        long bytes = 0;
        var buffers = 0;
        // Made once first, so what the first construction costs the runtime (statics) is not counted.
        _ = new ExhaustionForecaster(corpus[0].Metric, corpus[0].Critical, options);
        foreach (var series in corpus)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var forecaster = new ExhaustionForecaster(series.Metric, series.Critical, options);
            bytes = Math.Max(bytes, GC.GetAllocatedBytesForCurrentThread() - before);
            buffers = Math.Max(buffers, forecaster.BufferBytes);
            for (var i = 0; i < series.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                forecaster.Observe(series.Timestamps[i], series.Values[i]);
                ticks[k++] = Stopwatch.GetTimestamp() - start;
            }
        }
        Array.Sort(ticks);
        double Micro(double t) => t * 1e6 / Stopwatch.Frequency;
        return (Micro(ticks[ticks.Length / 2]), Micro(ticks.Average()), Micro(ticks[(int)(ticks.Length * 0.99)]), bytes, buffers);
    }

    private static void WriteHeader(TextWriter output) =>
        output.WriteLine($"{"model",-14} {"accuracy",9} {"false pos.",11} {"prevention",11} {"median lead",12} {"median ETA error",17} {"positives",10} {"negatives",10}");

    private static void WriteRow(TextWriter output, string model, ForecastScore s) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model,-14} {s.Accuracy,9:P1} {s.FalsePositiveRate,11:P1} {s.Prevention,11:P1} {(s.MedianLead is { } l ? $"{l.TotalHours:F1} h" : "-"),12} {s.MedianRelativeEtaError,17:P0} {s.Positives,10} {s.Negatives,10}"));
}
