namespace Anna.Core.Prediction;

/// <summary>
/// The Theil–Sen line: the slope is the median of the slopes between every pair of points, the
/// intercept the median of what is left. Up to about 29 % of the points can be anywhere (a download,
/// a cleanup, a stuck probe) without moving it, which least squares cannot say. O(n²) pairs, so the
/// callers keep n small (tens of points); the work space is lent by the caller so nothing is allocated.
/// </summary>
public static class TheilSen
{
    /// <summary>The number of pair slopes <see cref="Fit"/> needs room for with <paramref name="points"/> points.</summary>
    public static int ScratchFor(int points) => points * (points - 1) / 2;

    /// <summary>
    /// Slope, intercept (at x = 0) and the median absolute residual of the points (x[i], y[i]).
    /// <paramref name="scratch"/> must hold <see cref="ScratchFor"/>(n) values and at least n.
    /// </summary>
    public static (double Slope, double Intercept, double Mad) Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> scratch)
    {
        var n = x.Length;
        if (n < 2 || y.Length != n)
            throw new ArgumentException("Theil–Sen needs two or more points, as many x as y");
        if (scratch.Length < Math.Max(ScratchFor(n), n))
            throw new ArgumentException($"scratch must hold {Math.Max(ScratchFor(n), n)} values", nameof(scratch));
        var k = 0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (x[j] != x[i])
                    scratch[k++] = (y[j] - y[i]) / (x[j] - x[i]);
        if (k == 0)
            return (0, Median(y, scratch), 0);
        var slope = Median(scratch[..k]);
        for (var i = 0; i < n; i++)
            scratch[i] = y[i] - slope * x[i];
        var intercept = Median(scratch[..n]);
        for (var i = 0; i < n; i++)
            scratch[i] = Math.Abs(y[i] - slope * x[i] - intercept);
        return (slope, intercept, Median(scratch[..n]));
    }

    private static double Median(ReadOnlySpan<double> values, Span<double> scratch)
    {
        values.CopyTo(scratch);
        return Median(scratch[..values.Length]);
    }

    // In place: the upper median for an even count is enough here and needs one selection.
    private static double Median(Span<double> values) => QuickSelect.Select(values, values.Length / 2);
}
