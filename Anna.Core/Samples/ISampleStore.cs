namespace Anna.Core.Samples;

/// <summary>
/// The time series of what the probes measured (see <see cref="SampleRetention"/> for how long and how
/// much is kept). Read by insights (which disk keeps filling) and by forecasts.
/// </summary>
public interface ISampleStore
{
    /// <summary>Stores one batch in one transaction; returns how many samples were kept (a new series beyond the cap is not).</summary>
    Task<int> WriteAsync(IReadOnlyList<Sample> batch, CancellationToken cancellationToken);

    /// <summary>Rolls closed buckets up (raw → 5 min → 1 h) and deletes what is past its retention.</summary>
    Task<SampleMaintenance> RollUpAndPruneAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The buckets of <paramref name="metric"/> (every subject when <paramref name="subject"/> is null)
    /// starting in [<paramref name="from"/>, <paramref name="until"/>), oldest first; raw samples come as buckets of one.
    /// </summary>
    Task<IReadOnlyList<SampleBucket>> RangeAsync(string metric, string? subject, DateTimeOffset from, DateTimeOffset until,
        SampleResolution resolution, CancellationToken cancellationToken);
}
