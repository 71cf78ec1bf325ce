using System.Globalization;

namespace Anna.Bench;

/// <summary>Order statistics of a set of latencies (nearest-rank percentiles), in milliseconds.</summary>
internal sealed class LatencySummary
{
    private readonly double[] _sorted;

    public LatencySummary(IEnumerable<TimeSpan> samples) => _sorted = [.. samples.Select(s => s.TotalMilliseconds).Order()];

    public int Count => _sorted.Length;

    public double Min => _sorted[0];

    public double Max => _sorted[^1];

    public double Median => Percentile(50);

    /// <summary>The smallest sample with at least <paramref name="p"/> % of the samples at or below it.</summary>
    public double Percentile(double p)
    {
        if (_sorted.Length == 0)
            throw new InvalidOperationException("no samples");
        var rank = (int)Math.Ceiling(p / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
    }

    public string Format() => Count == 0
        ? "no samples"
        : string.Create(CultureInfo.InvariantCulture,
            $"min {Min,7:0.0}  median {Median,7:0.0}  p90 {Percentile(90),7:0.0}  p99 {Percentile(99),7:0.0}  max {Max,7:0.0}  ms  (n={Count})");
}
