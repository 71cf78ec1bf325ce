using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

public sealed class RadixRankTests
{
    // Keys shaped as the pruning makes them (a small count above a birth), and keys spread over all 64 bits.
    private static ulong Key(Random random, int shape) => shape switch
    {
        0 => ((ulong)random.Next(0, 40) << 32) | (uint)(1_000_000 + random.Next(0, 3000)),
        1 => ((ulong)random.Next(0, 3) << 32) | (uint)random.Next(0, 5),
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
    };

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    public void Items_come_out_in_the_order_of_a_stable_sort_by_key_highest_first(int shape, int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            // Items are a random subset of the key slots, in random order, as the live contexts of a table are.
            var capacity = random.Next(1, 800);
            var keys = new ulong[capacity];
            for (var i = 0; i < capacity; i++)
                keys[i] = Key(random, shape);
            var items = Enumerable.Range(0, capacity).Where(_ => random.Next(4) != 0).OrderBy(_ => random.Next()).ToArray();
            // LINQ's OrderByDescending is stable: among equal keys, the order the items came in.
            var expected = items.OrderByDescending(item => keys[item]).ToArray();

            var scratch = new int[capacity];
            RadixRank.Descending(keys, items, scratch);

            Assert.Equal(expected, items);
        }
    }

    [Fact]
    public void Keys_that_differ_only_in_their_highest_byte_are_still_ordered()
    {
        ulong[] keys = [1ul << 56, 3ul << 56, 2ul << 56, 0];
        int[] items = [0, 1, 2, 3];
        RadixRank.Descending(keys, items, new int[4]);
        Assert.Equal([1, 2, 0, 3], items);
    }

    [Fact]
    public void Too_little_work_space_is_refused()
    {
        var keys = new ulong[3];
        Assert.Throws<ArgumentException>(() => RadixRank.Descending(keys, new[] { 0, 1, 2 }, new int[2]));
    }
}
