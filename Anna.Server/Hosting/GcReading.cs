namespace Anna.Server.Hosting;

/// <summary>What the collector has done so far: bytes allocated since start, and full (gen2) collections run.</summary>
public sealed record GcReading(long AllocatedBytes, int FullCollections)
{
    public static GcReading Now() => new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(2));
}
