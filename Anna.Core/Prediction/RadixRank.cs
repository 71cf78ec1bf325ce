namespace Anna.Core.Prediction;

/// <summary>
/// Orders items by their keys, highest first: a radix sort, a byte of the key a pass from the lowest, each
/// pass stable, so items with equal keys keep their order. The pruning of <see cref="ContextMemory"/> ranks
/// every context at once; a comparison sort spends most of that step on branches the processor cannot
/// predict, where a radix pass only counts and moves, and the bytes that every key shares (the high bytes
/// of small counts and of births close together) are skipped.
/// </summary>
internal static class RadixRank
{
    private const int Bytes = sizeof(ulong);
    private const int Buckets = 256;

    /// <summary>
    /// Sorts <paramref name="items"/> (indices into <paramref name="keys"/>) by <c>keys[item]</c>, highest first,
    /// using <paramref name="scratch"/> (at least as long as the items) as work space. Allocates nothing.
    /// </summary>
    public static void Descending(ReadOnlySpan<ulong> keys, Span<int> items, Span<int> scratch)
    {
        var n = items.Length;
        if (scratch.Length < n)
            throw new ArgumentException("the work space is shorter than the items", nameof(scratch));
        if (n < 2)
            return;

        // Every pass's bucket sizes, counted in one reading of the keys. Complemented keys: their ascending
        // order is the keys' descending order, and equal keys stay in order either way.
        Span<int> starts = stackalloc int[Bytes * Buckets];
        foreach (var item in items)
        {
            var key = ~keys[item];
            for (var b = 0; b < Bytes; b++)
                starts[b * Buckets + (int)((key >> (8 * b)) & 0xFF)]++;
        }

        var from = items;
        var to = scratch[..n];
        for (var b = 0; b < Bytes; b++)
        {
            var shift = 8 * b;
            var bucket = starts.Slice(b * Buckets, Buckets);
            if (bucket[(int)((~keys[from[0]] >> shift) & 0xFF)] == n)
                continue;
            var start = 0;
            for (var i = 0; i < Buckets; i++)
            {
                var size = bucket[i];
                bucket[i] = start;
                start += size;
            }
            foreach (var item in from)
                to[bucket[(int)((~keys[item] >> shift) & 0xFF)]++] = item;
            var swap = from;
            from = to;
            to = swap;
        }
        if (from != items)
            from.CopyTo(items);
    }
}
