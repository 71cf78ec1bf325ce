using Anna.Server.Hosting;

namespace Anna.Server.Tests.Hosting;

/// <summary>When the idle trim collects: only after real allocation that no full collection of the collector's own has covered.</summary>
public sealed class MemoryTrimWorkerTests
{
    private static readonly GcReading Last = new(AllocatedBytes: 100L << 20, FullCollections: 3);

    [Theory]
    [InlineData(MemoryTrimWorker.MinAllocated, 3, true)] // allocated enough, no full collection since: collect
    [InlineData(MemoryTrimWorker.MinAllocated - 1, 3, false)] // too little to be worth it
    [InlineData(0, 3, false)] // idle: nothing allocated
    [InlineData(MemoryTrimWorker.MinAllocated * 10, 4, false)] // busy: the collector ran a full collection itself
    public void Collects_only_after_allocation_no_full_collection_covered(long allocated, int fullCollections, bool trims) =>
        Assert.Equal(trims, MemoryTrimWorker.ShouldTrim(Last, new GcReading(Last.AllocatedBytes + allocated, fullCollections)));

    [Fact]
    public void A_reading_counts_what_this_process_allocated()
    {
        var before = GcReading.Now();
        var kept = new byte[MemoryTrimWorker.MinAllocated];

        var after = GcReading.Now();

        Assert.True(after.AllocatedBytes - before.AllocatedBytes >= kept.Length);
        Assert.True(after.FullCollections >= before.FullCollections);
    }
}
