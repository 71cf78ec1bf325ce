namespace Anna.Server.Persistence;

/// <summary>A row of <c>sample_series</c>: one metric of one subject; samples and buckets refer to it by id.</summary>
public sealed class SampleSeriesRow
{
    public long Id { get; set; }
    public required string Metric { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
