namespace Anna.Core.Prediction;

/// <summary>
/// The detector's parameters: the same for every series (they never depend on a series' labels or
/// its future), chosen once on the Numenta Anomaly Benchmark and kept as the daemon's defaults.
/// </summary>
public sealed record AnomalyDetectorOptions
{
    /// <summary>How many past samples form the baseline a new sample is judged against.</summary>
    public int Window { get; init; } = 256;

    /// <summary>Samples seen before any score above 0: a baseline of a handful of points says nothing.</summary>
    public int Warmup { get; init; } = 32;

    /// <summary>The robust deviation (in MADs scaled to standard deviations) that scores 0.5.</summary>
    public double HalfScoreDeviation { get; init; } = 4.0;

    /// <summary>
    /// The smallest spread, as a share of the baseline's range: on a flat series the MAD is 0, and a
    /// step of one part in a thousand of the range should not look infinitely surprising.
    /// </summary>
    public double MinSpreadShareOfRange { get; init; } = 0.01;

    public static AnomalyDetectorOptions Default { get; } = new();

    public void Validate()
    {
        if (Window is < 8 or > 2048)
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "Window must be 8..2048 samples.");
        if (Warmup < 3 || Warmup > Window)
            throw new ArgumentOutOfRangeException(nameof(Warmup), Warmup, "Warmup must be 3..Window samples.");
        if (!(HalfScoreDeviation > 0))
            throw new ArgumentOutOfRangeException(nameof(HalfScoreDeviation), HalfScoreDeviation, "HalfScoreDeviation must be positive.");
        if (!(MinSpreadShareOfRange >= 0))
            throw new ArgumentOutOfRangeException(nameof(MinSpreadShareOfRange), MinSpreadShareOfRange, "MinSpreadShareOfRange must be 0 or more.");
    }
}
