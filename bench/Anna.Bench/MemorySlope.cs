namespace Anna.Bench;

/// <summary>
/// A least-squares line through (work done, memory) points: how much memory each unit of work adds
/// once warm-up is over, with its standard error, so that "flat" is a number with a noise band
/// rather than a look at two samples. (Samples a second apart are not independent, so the error is
/// a lower bound; a slope several times its error is growth, one within it is noise.)
/// </summary>
internal sealed record MemorySlope(double Slope, double StandardError, int Points)
{
    /// <returns>The slope of y over x; null with fewer than three points or no spread in x.</returns>
    public static MemorySlope? Fit(IReadOnlyList<(double X, double Y)> points)
    {
        var n = points.Count;
        if (n < 3)
            return null;
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (sxx <= 0)
            return null;
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
        var intercept = meanY - slope * meanX;
        var residuals = points.Sum(p => Math.Pow(p.Y - (intercept + slope * p.X), 2));
        return new MemorySlope(slope, Math.Sqrt(residuals / (n - 2) / sxx), n);
    }
}
