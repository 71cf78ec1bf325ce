using System.Diagnostics;
using System.Globalization;
using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// <c>replay nab-cv --data DIR [--folds K] [--seed N]</c>: the held-out NAB score of Anna's anomaly
/// detector. The files are split into K folds stratified by category (<see cref="NabFolds"/>); for each
/// fold the detector's parameters are chosen on the other folds from a small grid around the defaults,
/// then the fold is scored with them. The anchors (windowed Gaussian, seeded random, null) and the
/// defaults themselves go through the same folds and the same scorer in the same run.
/// </summary>
/// <remarks>
/// The grid is Window × Quiet × MinSpreadShareOfRange, three values each around the defaults (27 sets).
/// HalfScoreDeviation is left out: the score is e² / (e² + h²), increasing in e for every h, so changing
/// h only relabels the thresholds and leaves every swept or carried-over score unchanged (the run checks
/// this on the defaults). Refresh and Warmup trade cost and start-up, not what is an anomaly.
/// </remarks>
internal static class NabCrossValidationReplay
{
    public const string Usage = "usage: Anna.Bench replay nab-cv --data DIR (NAB: data/, labels/) [--folds K (2)] [--seed N (0: files dealt in path order)] [--detector cad|anna (cad, the daemon's, the default: the contextual detector and the watch next to the median/MAD one; anna: that one alone)]";

    private static readonly double[] CadMargins = [0, 0.02, 0.05];
    private static readonly int[] CadRests = [30, 60, 120];

    /// <summary>The contextual detector's grid, in a fixed order: its range margin and rest period around the defaults.</summary>
    public static IReadOnlyList<ContextAnomalyDetectorOptions> CadGrid { get; } =
        (from margin in CadMargins
         from rest in CadRests
         select ContextAnomalyDetectorOptions.Default with { RangeMargin = margin, RestPeriod = rest }).ToArray();

    private static readonly int[] Windows = [512, 1024, 2048];
    private static readonly int[] Quiets = [250, 1000, 4000];
    private static readonly double[] MinSpreads = [0.003, 0.01, 0.03];

    /// <summary>The grid, in a fixed order: three values of each parameter around the daemon's defaults.</summary>
    public static IReadOnlyList<AnomalyDetectorOptions> Grid { get; } =
        (from window in Windows
         from quiet in Quiets
         from spread in MinSpreads
         select AnomalyDetectorOptions.Default with { Window = window, Quiet = quiet, MinSpreadShareOfRange = spread }).ToArray();

    public static int Run(string[] args, TextWriter output)
    {
        string? data = null;
        var folds = 2;
        var seed = 0;
        string? detector = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--data": data = value; break;
                case "--folds": folds = ParseInt("--folds", value); break;
                case "--seed": seed = ParseInt("--seed", value); break;
                case "--detector": detector = value; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
            i++;
        }
        if (data is null)
            throw new ArgumentException("--data is required");

        var choice = AnomalyDetectorChoice.Parse(detector);
        var clock = Stopwatch.StartNew();
        var corpus = NabCorpus.Load(data);
        var split = NabFolds.Split(corpus.Select(s => s.RelativePath).ToArray(), folds, seed);
        var machine = Enumerable.Range(0, corpus.Count).Where(i => corpus[i].IsMachineMetric).ToHashSet();
        output.WriteLine($"NAB cross-validated: {corpus.Count} files, {folds} folds stratified by category (seed {seed}), " +
            $"{machine.Count} machine files ({string.Join(", ", split.Select(f => f.Count(machine.Contains)))} per fold)");
        output.WriteLine($"grid: {Grid.Count} parameter sets, Window {{{string.Join(", ", Windows)}}} × Quiet {{{string.Join(", ", Quiets)}}} × " +
            $"MinSpreadShareOfRange {{{string.Join(", ", MinSpreads.Select(Text))}}}; the rest at the defaults");

        // Every set's output on every file, once: a file's output depends on nothing but the file and the set.
        var grid = Grid.Select(options => corpus.Select(series => Replay(series, () => new AnomalyDetector(options).Score)).ToArray()).ToArray();
        var defaults = Grid.ToList().FindIndex(o => o == AnomalyDetectorOptions.Default);
        var replayed = clock.Elapsed;

        var detectors = new List<(string Name, string[] Candidates, double[][][] Outputs)>
        {
            ("anna, parameters chosen on the other folds", Grid.Select(Describe).ToArray(), grid),
            ("anna, its defaults (chosen on NAB)", [Describe(Grid[defaults])], [grid[defaults]]),
        };
        string? cadCost = null;
        if (choice == AnomalyDetectorChoice.Cad)
        {
            // The defaults once more, timed and measured (the same output as the grid's replay of them).
            var cadDefaults = CadGrid.ToList().FindIndex(o => o == ContextAnomalyDetectorOptions.Default);
            var (defaultScores, cost, memory) = NabReplay.Measure(corpus, () => AnomalyDetectorChoice.Create(AnomalyDetectorChoice.Cad));
            var cadGrid = CadGrid.Select((options, c) => c == cadDefaults ? defaultScores
                : corpus.Select(series => Replay(series, () => new ContextAnomalyDetector(options).Score)).ToArray()).ToArray();
            detectors.Add(("cad, parameters chosen on the other folds", CadGrid.Select(DescribeCad).ToArray(), cadGrid));
            detectors.Add(("cad, its defaults (chosen on NAB)", [DescribeCad(ContextAnomalyDetectorOptions.Default)], [defaultScores]));
            // What the published detector was given and Anna cannot have: the whole file's range, and a rest
            // period of a fifth of the file's probationary part. A reference for what learning them costs.
            var unbounded = ContextAnomalyDetectorOptions.Default with { MaxContexts = 16_384, MaxLeftSides = 16_384 };
            detectors.Add(("cad as NAB ran it (look-ahead; reference)", ["file range"], [corpus.Select(series => Replay(series, () => new ContextAnomalyDetector(
                unbounded with { RestPeriod = NabScorer.ProbationaryLength(series.Length) / 5 },
                LearnedRange.Known(unbounded.ValueBits, series.Values.Min(), series.Values.Max())).Score)).ToArray()]));
            cadCost = string.Create(CultureInfo.InvariantCulture,
                $"cad cost per sample (defaults, 1 pass): {cost.Format(AnomalyReplay.Budget)}; " +
                $"memory per series: {memory.BufferBytes} bytes of buffers, at most {memory.Allocated} bytes allocated, a median {memory.Retained} bytes still held after a whole file");
        }
        if (choice == AnomalyDetectorChoice.Cad)
        {
            // What a person is shown: the watch's raised anomalies (1 where one is raised), its rule chosen on the other folds,
            // next to the daemon's rule and the earlier daemon's (the median/MAD detector, three samples at 0.9).
            var rules = WatchRules.Select(r => corpus.Select(series => WatchRaises.Of(series, r)).ToArray()).ToArray();
            var daemonRule = Array.FindIndex(WatchRules, r => r.Sustained == AnomalyRule.Contextual.Sustained && r.RaiseAt == AnomalyRule.Contextual.RaiseAt);
            detectors.Add(("watch, contextual, rule chosen on other folds", WatchRules.Select(DescribeRule).ToArray(), rules));
            detectors.Add(("watch, contextual, the daemon's rule", [DescribeRule(AnomalyRule.Contextual)], [rules[daemonRule]]));
            detectors.Add(("watch, levels, the earlier daemon's rule", [DescribeRule(AnomalyRule.Levels)],
                [corpus.Select(series => WatchRaises.Of(series, AnomalyRule.Levels)).ToArray()]));
        }
        detectors.AddRange(
        [
            ("windowed Gaussian (NAB baseline)", ["-"], [corpus.Select(s => Replay(s, () => new WindowedGaussianDetector().Score)).ToArray()]),
            ("random (seed 42)", ["-"], [corpus.Select((s, index) => Replay(s, () => { var random = new Random(42 + index); return _ => random.NextDouble(); })).ToArray()]),
            ("null", ["-"], [corpus.Select(s => new double[s.Length]).ToArray()]),
            ("labels (scorer check: must be 100)", ["-"], [corpus.Select(NabReplay.Oracle).ToArray()]),
        ]);

        var summary = new List<string>();
        output.WriteLine();
        output.WriteLine("per fold: parameters and threshold chosen on the other folds (whole corpus, threshold swept there), then this fold scored");
        output.WriteLine($"{"fold",4} {"detector",-45} {"chosen (Window/Quiet/MinSpread)",32} {"train",6} {"threshold",10} {"strict",7} {"swept",6} {"machine strict",15} {"swept",6}");
        foreach (var (name, candidates, outputs) in detectors)
        {
            double[] Output(int candidate, int file) => outputs[candidate][file];
            var chosen = NabCrossValidation.Choose(corpus, split, candidates.Length, Output);
            var (scores, thresholds) = NabCrossValidation.HeldOut(corpus.Count, chosen, Output);
            for (var f = 0; f < chosen.Count; f++)
            {
                var fold = chosen[f];
                var all = NabCrossValidation.Evaluate(corpus, scores, thresholds, fold.HeldOut);
                var machineOnly = NabCrossValidation.Evaluate(corpus, scores, thresholds, fold.HeldOut.Where(machine.Contains));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{f + 1,4} {name,-45} {candidates[fold.Candidate],32} {fold.TrainingScore.Normalized,6:F1} {fold.TrainingScore.Threshold,10:G4} {all.Strict.Normalized,7:F1} {all.Swept.Normalized,6:F1} {machineOnly.Strict.Normalized,15:F1} {machineOnly.Swept.Normalized,6:F1}"));
            }

            // In-sample: the best set on all the files at once (for one set, simply its score), as `replay nab` reports.
            var inSample = Enumerable.Range(0, candidates.Length).MaxBy(c => NabScorer.Score(corpus, outputs[c]).Raw);
            var machineFiles = machine.Order().ToArray();
            var union = NabCrossValidation.Evaluate(corpus, scores, thresholds, Enumerable.Range(0, corpus.Count));
            var unionMachine = NabCrossValidation.Evaluate(corpus, scores, thresholds, machineFiles);
            summary.Add(string.Create(CultureInfo.InvariantCulture,
                $"{name,-45} {NabScorer.Score(corpus, outputs[inSample]).Normalized,9:F1} {union.Strict.Normalized,7:F1} {union.Swept.Normalized,6:F1} " +
                $"{NabScorer.Score(machineFiles.Select(i => corpus[i]).ToArray(), machineFiles.Select(i => outputs[inSample][i]).ToArray()).Normalized,17:F1} {unionMachine.Strict.Normalized,7:F1} {unionMachine.Swept.Normalized,6:F1}" +
                $"   {$"{union.Strict.WindowsDetected}/{union.Strict.Windows}",7} {union.Strict.FalsePositives,5}   {candidates[inSample]}"));
        }

        output.WriteLine();
        output.WriteLine("all files, each scored once with the parameters and threshold of its fold (held out), next to in-sample; hit and FPs are strict's");
        output.WriteLine($"{"detector",-45} {"in-sample",9} {"strict",7} {"swept",6} {"machine in-sample",17} {"strict",7} {"swept",6}   {"hit",7} {"FPs",5}   in-sample parameters");
        foreach (var line in summary)
            output.WriteLine(line);

        var gridScores = grid.Select(outputs => NabScorer.Score(corpus, outputs).Normalized).ToArray();
        var ranked = Enumerable.Range(0, Grid.Count).OrderByDescending(c => gridScores[c]).ToArray();
        output.WriteLine();
        output.WriteLine("strict: the held-out files at the threshold chosen on the training folds; swept: threshold swept on the held-out files (NAB's convention)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"grid in-sample (all files, swept): best {gridScores[ranked[0]]:F1} ({Describe(Grid[ranked[0]])}), next {gridScores[ranked[1]]:F1} ({Describe(Grid[ranked[1]])}), " +
            $"median {gridScores[ranked[ranked.Length / 2]]:F1}, worst {gridScores[ranked[^1]]:F1} ({Describe(Grid[ranked[^1]])}); the defaults {gridScores[defaults]:F1}"));

        // The claim that HalfScoreDeviation cannot change a score, checked rather than assumed.
        var halfScores = new[] { 2.0, 4.0, 8.0 }.Select(h => NabScorer.Score(corpus,
            corpus.Select(s => Replay(s, () => new AnomalyDetector(Grid[defaults] with { HalfScoreDeviation = h }).Score)).ToArray()).Normalized.ToString("F3", CultureInfo.InvariantCulture)).ToArray();
        output.WriteLine($"HalfScoreDeviation 2, 4, 8 (defaults otherwise), in-sample: {string.Join(", ", halfScores)}: it only relabels the thresholds, so it is not in the grid");
        if (cadCost is not null)
            output.WriteLine(cadCost);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"took {clock.Elapsed.TotalSeconds:F0} s ({replayed.TotalSeconds:F0} s replaying the {Grid.Count} parameter sets over every file)"));
        return 0;
    }

    public static string Describe(AnomalyDetectorOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"{options.Window}/{options.Quiet}/{Text(options.MinSpreadShareOfRange)}");

    public static string DescribeCad(ContextAnomalyDetectorOptions options) =>
        string.Create(CultureInfo.InvariantCulture, $"margin {Text(options.RangeMargin)}/rest {options.RestPeriod}");

    private static string Text(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static double[] Replay(NabSeries series, Func<Func<double, double>> create)
    {
        var score = create();
        var result = new double[series.Length];
        for (var i = 0; i < series.Length; i++)
            result[i] = score(series.Values[i]);
        return result;
    }

    private static int ParseInt(string option, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
            ? parsed
            : throw new ArgumentException($"{option} must be a whole number, not '{value}'");

    /// <summary>
    /// The watch's rules tried in cross-validation: samples in a row × the surprise that raises; 0.5 clears, as in the
    /// daemon. At least two in a row: an anomaly is a run of surprising samples, not one (NAB alone would pick one, at
    /// 0.8). At least 0.9: at 0.8 the contextual detector raises anomalies on plain white noise (96 in 42,500 samples of
    /// uniform noise, two in a row), which a jittery series must not do (AnomalyWatchTests).
    /// </summary>
    private static readonly AnomalyRule[] WatchRules =
    [
        .. from sustained in new[] { 2, 3, 4 }
           from raiseAt in new[] { 0.9, 0.95 }
           select AnomalyRule.Contextual with { Sustained = sustained, RaiseAt = raiseAt },
    ];

    private static string DescribeRule(AnomalyRule rule) =>
        string.Create(CultureInfo.InvariantCulture, $"{rule.Sustained} at {rule.RaiseAt:0.##}, clear {rule.ClearBelow:0.##}");
}
