namespace Anna.Core.Prediction;

/// <summary>
/// Parameters of <see cref="ContextAnomalyDetector"/>: the same for every series, never read from a
/// series' labels or its future. The defaults follow the published Contextual Anomaly Detector (open
/// source edition, as run on the Numenta Anomaly Benchmark), except where that one looked ahead (the
/// value range of the whole file, a rest period scaled by the file's length) or grew without bound
/// (its context memory): here the range is learned as samples arrive (relearning the latest values
/// when it widens), the rest period is a number of samples, and the memory has a fixed capacity. The
/// defaults hold 1,024 contexts, 256 left sides and 3,072 recent values, about 62 KiB a series, under the
/// 64 KiB budget; they were chosen on the benchmark (bench: <c>replay nab-cv --detector cad</c> reports
/// the held-out score of choosing them there).
/// </summary>
public sealed record ContextAnomalyDetectorOptions
{
    /// <summary>
    /// A value is reduced to one of 2^ValueBits levels of its range, and each bit of the level is a
    /// fact. Few levels make the patterns coarse enough to repeat, which is what lets contexts be learned.
    /// </summary>
    public int ValueBits { get; init; } = 3;

    /// <summary>
    /// When a value falls outside the learned range, the range becomes the extremes seen so far plus this
    /// share of their spread on each side (<see cref="LearnedRange"/>). A sliver: the levels stay as fine as
    /// the values seen allow, a series creeping upwards does not widen (and relearn) at every new maximum, and a
    /// value that does widen the range lies clearly beyond all the series has done: it is news by itself and
    /// scores 1, even inside a rest period.
    /// </summary>
    public double RangeMargin { get; init; } = 0.02;

    /// <summary>
    /// How many of the latest values are kept (16 bits each) and relearned in the new levels when the range
    /// widens: the published detector, handed the whole file's range, never has to. 3,072 keep a series
    /// under the 64 KiB budget.
    /// </summary>
    public int RelearnSamples { get; init; } = 3072;

    /// <summary>
    /// Steps of relearning each sample earns (up to <see cref="RelearnSamples"/>): a widening relearns at most
    /// what has been earned since the last, so a series that sets a record at every sample costs a few steps
    /// a sample rather than thousands, while a rare widening relearns everything kept.
    /// </summary>
    public int RelearnStepsPerSample { get; init; } = 8;

    /// <summary>The most facts on the left side of a context built from a partial match: longer ones rarely recur.</summary>
    public int MaxLeftFacts { get; init; } = 7;

    /// <summary>How many of the matched contexts (the most often matched) feed the next step as facts of their own.</summary>
    public int MaxActiveContexts { get; init; } = 15;

    /// <summary>
    /// After a raw score at or above this, the detector says 0 for <see cref="RestPeriod"/> samples: one
    /// anomaly is reported once, not at every sample of its aftermath while the memory relearns.
    /// </summary>
    public double RestThreshold { get; init; } = 0.75;

    /// <summary>
    /// Samples of silence after a raw score at or above <see cref="RestThreshold"/> (also at the start). The
    /// published detector rests a fifth of NAB's probationary period, about 150 samples on most files; the
    /// daemon's watch reads every raw score and is not quieted by it.
    /// </summary>
    public int RestPeriod { get; init; } = 120;

    /// <summary>
    /// Capacity of the context table. When it is three quarters full the least matched half is dropped
    /// (with every left side built on a dropped one), so memory stays fixed whatever the series does.
    /// </summary>
    public int MaxContexts { get; init; } = 1024;

    /// <summary>
    /// Capacity of the table of left sides (the fact sets contexts start from), pruned with the contexts. A left
    /// side costs what two contexts do (its facts have room for a whole step) and holds two or three of them on
    /// NAB, so a quarter as many left sides as contexts lets more contexts into the same memory.
    /// </summary>
    public int MaxLeftSides { get; init; } = 256;

    public static ContextAnomalyDetectorOptions Default { get; } = new();

    public void Validate()
    {
        if (ValueBits is < 1 or > 5)
            throw new ArgumentOutOfRangeException(nameof(ValueBits), ValueBits, "ValueBits must be 1..5.");
        if (!(RangeMargin is >= 0 and <= 10))
            throw new ArgumentOutOfRangeException(nameof(RangeMargin), RangeMargin, "RangeMargin must be 0..10.");
        if (MaxLeftFacts is < 1 or > 32)
            throw new ArgumentOutOfRangeException(nameof(MaxLeftFacts), MaxLeftFacts, "MaxLeftFacts must be 1..32.");
        if (MaxActiveContexts is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(MaxActiveContexts), MaxActiveContexts, "MaxActiveContexts must be 1..64.");
        if (!(RestThreshold is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(RestThreshold), RestThreshold, "RestThreshold must be in (0, 1].");
        if (RestPeriod is < 0 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(RestPeriod), RestPeriod, "RestPeriod must be 0..100000 samples.");
        if (MaxContexts is < 16 or > 16_384)
            throw new ArgumentOutOfRangeException(nameof(MaxContexts), MaxContexts, "MaxContexts must be 16..16384.");
        if (RelearnSamples is < 0 or > 65_536)
            throw new ArgumentOutOfRangeException(nameof(RelearnSamples), RelearnSamples, "RelearnSamples must be 0..65536.");
        if (RelearnStepsPerSample is < 0 or > 65_536)
            throw new ArgumentOutOfRangeException(nameof(RelearnStepsPerSample), RelearnStepsPerSample, "RelearnStepsPerSample must be 0..65536.");
        if (MaxLeftSides is < 16 or > 16_384)
            throw new ArgumentOutOfRangeException(nameof(MaxLeftSides), MaxLeftSides, "MaxLeftSides must be 16..16384.");
    }
}
