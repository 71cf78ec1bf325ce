namespace Anna.Server.Persistence;

/// <summary>A row of <c>samples</c>: one raw measurement, kept 48 hours.</summary>
public sealed class SampleRow
{
    public long Id { get; set; }
    public long SeriesId { get; set; }
    public DateTimeOffset At { get; set; }
    public double Value { get; set; }
}
