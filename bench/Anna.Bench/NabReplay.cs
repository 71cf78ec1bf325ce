using System.Diagnostics;
using System.Globalization;
using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// <c>replay nab --data DIR [--out DIR] [--detector anna|cad]</c>: runs one of Anna's anomaly detectors
/// (the production class, its defaults; the daemon's, <c>cad</c>, unless told) over every NAB file sample by sample, and in the same run the anchors (null,
/// seeded random, NAB's windowed Gaussian, and the labels themselves as a check that perfect is 100),
/// then prints each one's standard-profile score, on the whole corpus and on the machine metrics alone,
/// and Anna's cost per sample and per series. With --out, Anna's scores are written in NAB's layout, as
/// <c>replay anomaly</c> writes them for any directory of files.
/// </summary>
internal static class NabReplay
{
    public const string Usage = AnomalyReplay.Usage;

    public static int Run(string[] args, TextWriter output)
    {
        string? data = null;
        string? outDir = null;
        string? detector = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--data": data = value; break;
                case "--out": outDir = value; break;
                case "--detector": detector = value; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
            i++;
        }
        if (data is null)
            throw new ArgumentException("--data is required");

        var choice = AnomalyDetectorChoice.Parse(detector);
        var corpus = NabCorpus.Load(data);
        var rows = corpus.Sum(s => s.Length);
        output.WriteLine($"NAB: {corpus.Count} files, {rows} rows, {corpus.Sum(s => s.Windows.Count)} windows; standard profile, one threshold per corpus (swept)");

        var (annaScores, cost, memory) = Measure(corpus, () => AnomalyDetectorChoice.Create(choice));
        var detectors = new List<(string Name, double[][] Scores)>
        {
            (AnomalyDetectorChoice.Describe(choice), annaScores),
            ("windowed Gaussian (NAB baseline)", Run(corpus, _ => new WindowedGaussianDetector().Score)),
            ("random (seed 42)", Run(corpus, index => { var random = new Random(42 + index); return _ => random.NextDouble(); })),
            ("null", Run(corpus, _ => _ => 0.0)),
            ("labels (scorer check: must be 100)", corpus.Select(Oracle).ToArray()),
        };

        var machine = Enumerable.Range(0, corpus.Count).Where(i => corpus[i].IsMachineMetric).ToArray();
        var machineCorpus = machine.Select(i => corpus[i]).ToArray();
        output.WriteLine();
        output.WriteLine($"{"detector",-40} {"NAB standard",12} {"machine files",14} {"threshold",10} {"windows hit",12} {"FPs",6}");
        foreach (var (name, scores) in detectors)
            WriteScore(name, scores, "");
        output.WriteLine();
        output.WriteLine("the watch's anomalies (the daemon's AnomalyWatch over each file, 1 where it raises an anomaly): what a person is shown");
        foreach (var rule in new[] { AnomalyRule.Contextual, AnomalyRule.Levels })
        {
            var raises = corpus.Select(series => WatchRaises.Of(series, rule)).ToArray();
            var name = $"watch, {rule.Name} ({rule.Sustained} at {rule.RaiseAt:0.##}){(rule == AnomalyRule.Contextual ? ", the daemon's" : "")}";
            WriteScore(name, raises, $"  ({raises.Sum(r => r.Sum()):0} raised)");
        }
        output.WriteLine();
        output.WriteLine($"machine files: realAWSCloudwatch + realKnownCause ({machine.Length} files), threshold swept on them alone");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{choice} cost per sample: {cost.Format(AnomalyReplay.Budget)}; " +
            $"memory per series: {memory.BufferBytes} bytes of buffers, at most {memory.Allocated} bytes allocated, a median {memory.Retained} bytes still held after a whole file"));
        if (choice == AnomalyDetectorChoice.Cad)
            output.WriteLine(ClimbingSeriesCost.Measure());

        if (outDir is not null)
            Write(corpus, annaScores, outDir);
        return 0;

        void WriteScore(string name, double[][] scores, string suffix)
        {
            var all = NabScorer.Score(corpus, scores);
            var machineScore = NabScorer.Score(machineCorpus, machine.Select(i => scores[i]).ToArray());
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-40} {all.Normalized,12:F1} {machineScore.Normalized,14:F1} {all.Threshold,10:G4} {$"{all.WindowsDetected}/{all.Windows}",12} {all.FalsePositives,6}{suffix}"));
        }
    }

    /// <summary>
    /// Runs a fresh detector over every file, timing each sample, and measures what one series costs in
    /// memory: the detector's own count of its buffers and the bytes allocated on this thread from its
    /// construction to the end of the file (the most it can hold), the largest over the files; and the
    /// heap still held at the end of a file (a full collection before and after, the detector alive),
    /// the median over the files, as the runtime's own allocations make any one reading noisy.
    /// </summary>
    internal static (double[][] Scores, SampleCost Cost, (long BufferBytes, long Allocated, long Retained) Memory)
        Measure(IReadOnlyList<NabSeries> corpus, Func<(Func<double, double> Score, Func<int> BufferBytes)> create)
    {
        var scores = corpus.Select(s => new double[s.Length]).ToArray();
        var ticks = new long[corpus.Sum(s => s.Length)];
        // One unmeasured pass over the first file first, so the runtime's one-time work (compiling, its
        // own caches) is not counted as a series' cost.
        var warm = create();
        foreach (var value in corpus[0].Values)
            warm.Score(value);
        var k = 0;
        long buffers = 0, allocated = 0;
        var retained = new long[corpus.Count];
        for (var s = 0; s < corpus.Count; s++)
        {
            var values = corpus[s].Values;
            var result = scores[s];
            var held = GC.GetTotalMemory(forceFullCollection: true);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var detector = create();
            for (var i = 0; i < values.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                result[i] = detector.Score(values[i]);
                ticks[k++] = Stopwatch.GetTimestamp() - start;
            }
            allocated = Math.Max(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            retained[s] = GC.GetTotalMemory(forceFullCollection: true) - held;
            buffers = Math.Max(buffers, detector.BufferBytes());
            GC.KeepAlive(detector.Score);
        }
        return (scores, new SampleCost(ticks), (buffers, allocated, retained.Order().ElementAt(retained.Length / 2)));
    }

    private static double[][] Run(IReadOnlyList<NabSeries> corpus, Func<int, Func<double, double>> create) =>
        corpus.Select((series, index) =>
        {
            var score = create(index);
            return series.Values.Select(v => score(v)).ToArray();
        }).ToArray();

    // 1 at the first scored row of each window, 0 elsewhere: what a perfect detector says.
    internal static double[] Oracle(NabSeries series)
    {
        var scores = new double[series.Length];
        var probation = NabScorer.ProbationaryLength(series.Length);
        foreach (var window in series.Windows)
            if (window.Last >= probation)
                scores[Math.Max(window.First, probation)] = 1;
        return scores;
    }

    private static void Write(IReadOnlyList<NabSeries> corpus, double[][] scores, string outDir)
    {
        for (var s = 0; s < corpus.Count; s++)
            AnomalyReplay.Write(Path.Combine(outDir, corpus[s].RelativePath), corpus[s].Timestamps, corpus[s].Values, scores[s]);
    }
}
