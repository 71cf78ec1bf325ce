namespace Anna.Server.Persistence;

/// <summary>
/// A row of <c>sample_buckets</c>: one series over 5 minutes (<see cref="WidthSeconds"/> 300, kept
/// 30 days) or an hour (3600, kept a year). Keyed by (width, series, start), so rolling the same
/// bucket up twice replaces it instead of counting it twice.
/// </summary>
public sealed class SampleBucketRow
{
    public int WidthSeconds { get; set; }
    public long SeriesId { get; set; }
    public DateTimeOffset Start { get; set; }
    public int Count { get; set; }
    public double Min { get; set; }
    public double Max { get; set; }
    public double Sum { get; set; }
    public double Last { get; set; }
}
