namespace Anna.Core.Prediction;

/// <summary>
/// The last <see cref="Capacity"/> values of a series in a fixed ring buffer, with a robust centre
/// (median), spread (median absolute deviation) and range. Memory is allocated once; the work
/// space for the medians is lent by the caller so several windows of one series can share it.
/// </summary>
public sealed class SampleWindow
{
    private readonly double[] _ring;
    private int _next;

    public SampleWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 3);
        _ring = new double[capacity];
    }

    public int Capacity => _ring.Length;

    public int Count { get; private set; }

    /// <summary>Bytes held by the ring (fixed for the window's life).</summary>
    public int BufferBytes => _ring.Length * sizeof(double);

    public void Add(double value)
    {
        _ring[_next] = value;
        _next = (_next + 1) % _ring.Length;
        if (Count < _ring.Length)
            Count++;
    }

    /// <summary>
    /// Median, median absolute deviation and range (max − min) of the values held; all 0 when empty.
    /// <paramref name="scratch"/> must hold at least <see cref="Capacity"/> values; its content is overwritten.
    /// </summary>
    public (double Median, double Mad, double Range) Summarize(Span<double> scratch)
    {
        if (scratch.Length < _ring.Length)
            throw new ArgumentException($"scratch must hold {_ring.Length} values", nameof(scratch));
        if (Count == 0)
            return (0, 0, 0);
        var values = scratch[..Count];
        _ring.AsSpan(0, Count).CopyTo(values);
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        var median = Select(values, Count / 2);
        for (var i = 0; i < values.Length; i++)
            values[i] = Math.Abs(values[i] - median);
        return (median, Select(values, Count / 2), max - min);
    }

    private static double Select(Span<double> values, int k) => QuickSelect.Select(values, k);
}
