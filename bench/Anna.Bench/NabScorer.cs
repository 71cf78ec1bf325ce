namespace Anna.Bench;

/// <summary>
/// NAB's standard profile (v1.1), written from its documentation and published scoring rules:
/// <list type="bullet">
/// <item>the first 15 % of each file (at most 750 rows) is probationary: no detection or window row there is scored;</item>
/// <item>a window scores its earliest detection only: A_TP · σ̃(position)/σ̃(−1), position −1 at its first row rising to 0 past its last,
/// with σ̃(y) = 2/(1 + e^{5y}) − 1; a window with no detection costs A_FN;</item>
/// <item>each detection outside a window costs A_FP · σ̃(distance past the preceding window / its width),
/// the full −A_FP when no window precedes it (or it is three widths past);</item>
/// <item>one threshold for the whole corpus: every distinct score is tried, the best total is kept (this is how NAB reports);</item>
/// <item>normalised: 100 · (raw − null) / (perfect − null), null = no detection (every window missed), perfect = every window at its first scored row, no false positive.</item>
/// </list>
/// </summary>
internal static class NabScorer
{
    public const double TruePositiveWeight = 1.0;
    public const double FalsePositiveWeight = 0.11;
    public const double FalseNegativeWeight = 1.0;
    public const double ProbationaryShare = 0.15;

    private static double ScaledSigmoid(double position) =>
        position >= 3.0 ? -1.0 : 2.0 / (1.0 + Math.Exp(5.0 * position)) - 1.0;

    public static int ProbationaryLength(int rows) => (int)Math.Min(Math.Floor(ProbationaryShare * rows), ProbationaryShare * 5000);

    /// <summary>Scores one detector's output (<paramref name="scores"/>[i] for each series' rows) over <paramref name="corpus"/>.</summary>
    public static NabScore Score(IReadOnlyList<NabSeries> corpus, IReadOnlyList<double[]> scores)
    {
        var (rows, windowCount, perfect) = Rows(corpus, scores);
        rows.Sort((a, b) => b.Score.CompareTo(a.Score));
        var best = new double[windowCount];
        Array.Fill(best, -FalseNegativeWeight);
        var nullScore = -FalseNegativeWeight * windowCount;
        var windowsTotal = nullScore;
        var falsePositiveTotal = 0.0;
        var detected = 0;
        var falsePositives = 0;
        var result = new NabScore(0, nullScore, double.PositiveInfinity, 0, windowCount, 0);
        for (var r = 0; r < rows.Count; r++)
        {
            var (score, weight, window) = rows[r];
            if (window < 0)
            {
                falsePositiveTotal += weight;
                falsePositives++;
            }
            else if (weight > best[window])
            {
                if (best[window] == -FalseNegativeWeight)
                    detected++;
                windowsTotal += weight - best[window];
                best[window] = weight;
            }
            // A threshold sits between distinct scores: every row scoring at least it is a detection.
            if (r + 1 < rows.Count && rows[r + 1].Score == score)
                continue;
            var total = windowsTotal + falsePositiveTotal;
            if (total > result.Raw)
                result = new NabScore(0, total, score, detected, windowCount, falsePositives);
        }
        var normalized = perfect == nullScore ? 0 : 100 * (result.Raw - nullScore) / (perfect - nullScore);
        return result with { Normalized = normalized };
    }

    /// <summary>
    /// Scores <paramref name="scores"/> with each series' threshold fixed beforehand (<paramref name="thresholds"/>[i],
    /// a row scoring at least it is a detection) instead of swept: how a threshold chosen on other files fares.
    /// </summary>
    public static NabScore ScoreAt(IReadOnlyList<NabSeries> corpus, IReadOnlyList<double[]> scores, IReadOnlyList<double> thresholds)
    {
        if (thresholds.Count != corpus.Count || scores.Count != corpus.Count)
            throw new ArgumentException("one score array and one threshold per series", nameof(thresholds));
        // Each row's threshold travels with it as a detected/not flag: the rows are flattened across series.
        var flags = new double[corpus.Count][];
        for (var s = 0; s < corpus.Count; s++)
            flags[s] = Array.ConvertAll(scores[s], v => v >= thresholds[s] ? 1.0 : 0.0);
        var (rows, windowCount, perfect) = Rows(corpus, flags);
        var best = new double[windowCount];
        Array.Fill(best, -FalseNegativeWeight);
        var nullScore = -FalseNegativeWeight * windowCount;
        var falsePositiveTotal = 0.0;
        var falsePositives = 0;
        foreach (var (detected, weight, window) in rows)
        {
            if (detected < 1)
                continue;
            if (window < 0)
            {
                falsePositiveTotal += weight;
                falsePositives++;
            }
            else
                best[window] = Math.Max(best[window], weight);
        }
        var raw = best.Sum() + falsePositiveTotal;
        var normalized = perfect == nullScore ? 0 : 100 * (raw - nullScore) / (perfect - nullScore);
        var threshold = thresholds.Distinct().Count() == 1 ? thresholds[0] : double.NaN;
        return new NabScore(normalized, raw, threshold, best.Count(b => b != -FalseNegativeWeight), windowCount, falsePositives);
    }

    // Every scorable row: its detector score, what detecting it is worth, and its window (-1 outside);
    // how many windows have a scored row, and what the perfect detector totals.
    private static (List<(double Score, double Weight, int Window)> Rows, int Windows, double Perfect) Rows(IReadOnlyList<NabSeries> corpus, IReadOnlyList<double[]> scores)
    {
        if (corpus.Count != scores.Count)
            throw new ArgumentException("one score array per series", nameof(scores));

        var rows = new List<(double Score, double Weight, int Window)>();
        var windowCount = 0;
        var perfect = 0.0;
        for (var s = 0; s < corpus.Count; s++)
        {
            var series = corpus[s];
            if (scores[s].Length != series.Length)
                throw new ArgumentException($"{series.RelativePath}: {scores[s].Length} scores for {series.Length} rows", nameof(scores));
            var probation = ProbationaryLength(series.Length);
            var maxTruePositive = ScaledSigmoid(-1.0);
            var next = 0;
            NabWindow? current = null;
            NabWindow? previous = null;
            var currentId = -1;
            for (var i = 0; i < series.Length; i++)
            {
                if (current is null && next < series.Windows.Count && series.Windows[next].First == i)
                {
                    current = series.Windows[next++];
                    currentId = -1;
                }
                double weight;
                if (current is { } window)
                    weight = ScaledSigmoid(-(window.Last - i + 1) / (double)window.Width) * TruePositiveWeight / maxTruePositive;
                else if (previous is { } past && past.Width > 1)
                    weight = ScaledSigmoid(Math.Abs(past.Last - i) / (double)(past.Width - 1)) * FalsePositiveWeight;
                else
                    weight = -FalsePositiveWeight;

                if (i >= probation)
                {
                    if (current is not null && currentId < 0)
                    {
                        // The window's first scored row: the best any detector can do in it.
                        currentId = windowCount++;
                        perfect += weight;
                    }
                    rows.Add((scores[s][i], weight, current is null ? -1 : currentId));
                }
                if (current is { } open && open.Last == i)
                {
                    previous = open;
                    current = null;
                }
            }
        }

        return (rows, windowCount, perfect);
    }

}
