using Anna.Core.Samples;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>Raw samples in a list; rollups are the pure <see cref="SampleRollup"/> over them. For page tests.</summary>
public sealed class InMemorySampleStore : ISampleStore
{
    private readonly List<Sample> _samples = [];

    public Task<int> WriteAsync(IReadOnlyList<Sample> batch, CancellationToken cancellationToken)
    {
        lock (_samples)
            _samples.AddRange(batch);
        return Task.FromResult(batch.Count);
    }

    public Task<SampleMaintenance> RollUpAndPruneAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(new SampleMaintenance(0, 0, 0, 0, 0, 0));

    public Task<IReadOnlyList<SampleBucket>> RangeAsync(string metric, string? subject, DateTimeOffset from, DateTimeOffset until,
        SampleResolution resolution, CancellationToken cancellationToken)
    {
        List<Sample> matching;
        lock (_samples)
            matching = [.. _samples.Where(s => s.Metric == metric && (subject is null || s.Subject == subject) && s.At >= from && s.At < until)];
        IReadOnlyList<SampleBucket> buckets = resolution == SampleResolution.Raw
            ? [.. matching.OrderBy(s => s.At).Select(SampleBucket.Of)]
            : SampleRollup.FromSamples(matching, resolution);
        return Task.FromResult(buckets);
    }
}
