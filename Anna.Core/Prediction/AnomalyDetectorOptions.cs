namespace Anna.Core.Prediction;

/// <summary>
/// The detector's parameters: the same for every series (they never depend on a series' labels or
/// its future), chosen on the Numenta Anomaly Benchmark (bench: <c>replay nab</c>) and kept as the
/// daemon's defaults. The defaults hold 2048 doubles of values in arrival order, the values and the
/// differences in order (2 × 2048 doubles) and 1000 floats of recent deviations: 52 KiB a series,
/// under the 64 KiB budget.
/// </summary>
public sealed record AnomalyDetectorOptions
{
    /// <summary>How many past samples form the baseline a new sample is judged against.</summary>
    public int Window { get; init; } = 2048;

    /// <summary>
    /// The baseline's median and MAD are taken afresh every this many samples, and samples in between
    /// are judged against the last ones taken: they move slowly over a long window. Reading them costs
    /// O(log n) (the windows are kept in order), so this no longer trades cost; the defaults were
    /// chosen with it at 32, and it stays so that the scores do not change.
    /// </summary>
    public int Refresh { get; init; } = 32;

    /// <summary>Samples seen before any score above 0: a baseline of a handful of points says nothing.</summary>
    public int Warmup { get; init; } = 32;

    /// <summary>
    /// A sample scores by how far its deviation exceeds the largest of this many samples before it:
    /// a level shift stays surprising until the baseline absorbs it, and saying so once is what helps;
    /// a series that is often jumpy has to out-jump its own recent past.
    /// </summary>
    public int Quiet { get; init; } = 1000;

    /// <summary>The robust deviation (in MADs scaled to standard deviations) that scores 0.5.</summary>
    public double HalfScoreDeviation { get; init; } = 4.0;

    /// <summary>
    /// The smallest spread, as a share of the baseline's range: on a flat series the MAD is 0, and a
    /// small step should not look infinitely surprising.
    /// </summary>
    public double MinSpreadShareOfRange { get; init; } = 0.01;

    public static AnomalyDetectorOptions Default { get; } = new();

    public void Validate()
    {
        if (Window is < 8 or > 2048)
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "Window must be 8..2048 samples.");
        if (Refresh < 1 || Refresh > Window)
            throw new ArgumentOutOfRangeException(nameof(Refresh), Refresh, "Refresh must be 1..Window samples.");
        if (Warmup < 3 || Warmup > Window)
            throw new ArgumentOutOfRangeException(nameof(Warmup), Warmup, "Warmup must be 3..Window samples.");
        if (Quiet is < 0 or > 4096)
            throw new ArgumentOutOfRangeException(nameof(Quiet), Quiet, "Quiet must be 0..4096 samples.");
        if (!(HalfScoreDeviation > 0))
            throw new ArgumentOutOfRangeException(nameof(HalfScoreDeviation), HalfScoreDeviation, "HalfScoreDeviation must be positive.");
        if (!(MinSpreadShareOfRange >= 0))
            throw new ArgumentOutOfRangeException(nameof(MinSpreadShareOfRange), MinSpreadShareOfRange, "MinSpreadShareOfRange must be 0 or more.");
    }
}
