using System.Diagnostics;
using System.Globalization;

namespace Anna.Bench;

/// <summary>
/// The time each sample took to score, one <see cref="Stopwatch"/> reading before and after each call
/// (nanosecond ticks on Linux; the two readings add some 20–40 ns to every sample), summarised as
/// nearest-rank percentiles in microseconds. The tail is the point: a mean hides a sample in a hundred
/// that costs a whole window.
/// </summary>
internal sealed class SampleCost
{
    private readonly long[] _sorted;

    public SampleCost(long[] ticks)
    {
        _sorted = [.. ticks];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double Mean => Count == 0 ? 0 : Micro(_sorted.Average());

    public double Median => Percentile(50);

    public double Max => Count == 0 ? 0 : Micro(_sorted[^1]);

    /// <summary>The smallest time with at least <paramref name="p"/> % of the samples at or below it, in µs.</summary>
    public double Percentile(double p)
    {
        if (Count == 0)
            return 0;
        var rank = (int)Math.Ceiling(p / 100 * Count);
        return Micro(_sorted[Math.Clamp(rank, 1, Count) - 1]);
    }

    /// <summary>How many samples took longer than <paramref name="microseconds"/>.</summary>
    public int Over(double microseconds)
    {
        var limit = (long)Math.Floor(microseconds * Stopwatch.Frequency / 1e6);
        var first = Array.BinarySearch(_sorted, limit + 1);
        if (first < 0)
            first = ~first;
        else
            while (first > 0 && _sorted[first - 1] == limit + 1)
                first--;
        return Count - first;
    }

    public string Format(double budget) => string.Create(CultureInfo.InvariantCulture,
        $"median {Median:F2} µs, mean {Mean:F2} µs, p90 {Percentile(90):F2} µs, p99 {Percentile(99):F2} µs, p99.9 {Percentile(99.9):F2} µs, max {Max:F1} µs; {Over(budget)} of {Count} samples over {budget:G} µs");

    private static double Micro(double ticks) => ticks * 1e6 / Stopwatch.Frequency;
}
