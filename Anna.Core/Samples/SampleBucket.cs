namespace Anna.Core.Samples;

/// <summary>
/// The samples of one series in [<see cref="Start"/>, Start + width): enough to merge buckets into
/// coarser ones exactly (count, sum, min, max) and to read counters (<see cref="Last"/>). A raw sample
/// is a bucket of one.
/// </summary>
public sealed record SampleBucket(
    string Metric,
    string Subject,
    SampleResolution Resolution,
    DateTimeOffset Start,
    int Count,
    double Min,
    double Max,
    double Sum,
    double Last)
{
    public double Mean => Count == 0 ? 0 : Sum / Count;

    public static SampleBucket Of(Sample sample) =>
        new(sample.Metric, sample.Subject, SampleResolution.Raw, sample.At, 1, sample.Value, sample.Value, sample.Value, sample.Value);
}
