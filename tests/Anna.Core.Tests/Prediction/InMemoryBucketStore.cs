using Anna.Core.Samples;

namespace Anna.Core.Tests.Prediction;

/// <summary>The store's range read, over buckets held in memory (the 5-minute rollups the watch reads at start).</summary>
internal sealed class InMemoryBucketStore(IReadOnlyList<SampleBucket> buckets) : ISampleStore
{
    public Task<int> WriteAsync(IReadOnlyList<Sample> batch, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SampleMaintenance> RollUpAndPruneAsync(DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<SampleBucket>> RangeAsync(string metric, string? subject, DateTimeOffset from, DateTimeOffset until,
        SampleResolution resolution, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SampleBucket>>([.. buckets.Where(b => b.Metric == metric && (subject is null || b.Subject == subject) && b.Start >= from && b.Start < until)]);
}
