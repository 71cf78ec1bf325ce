using Anna.Core.Samples;

namespace Anna.Core.Tests.Samples;

public sealed class SampleQueueTests
{
    private static Sample At(int second) =>
        new(SampleMetric.MemoryAvailableBytes, "memory", DateTimeOffset.UnixEpoch.AddSeconds(second), 1);

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_waiting()
    {
        var queue = new SampleQueue(capacity: 3);

        var accepted = Enumerable.Range(0, 5).Select(i => queue.TryAdd(At(i))).ToList();

        Assert.Equal([true, true, true, false, false], accepted);
        Assert.Equal(2, queue.Dropped);
        Assert.True(queue.Reader.TryRead(out var first));
        Assert.Equal(At(0), first);
        Assert.True(queue.TryAdd(At(9))); // room again once the writer took one
    }

    [Fact]
    public void A_reading_that_is_not_a_number_is_refused_and_not_counted_as_dropped()
    {
        var queue = new SampleQueue(capacity: 3);

        Assert.False(queue.TryAdd(At(0) with { Value = double.NaN }));
        Assert.False(queue.TryAdd(At(0) with { Value = double.PositiveInfinity }));
        Assert.Equal(0, queue.Dropped);
        Assert.False(queue.Reader.TryRead(out _));
    }
}
