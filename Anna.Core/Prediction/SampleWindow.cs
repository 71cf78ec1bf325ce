namespace Anna.Core.Prediction;

/// <summary>
/// The last <see cref="Capacity"/> values of a series: a fixed ring in arrival order (to know which
/// value leaves) and the same values in order (<see cref="SortedSamples"/>), so the robust centre
/// (median), spread (median absolute deviation) and range are read without copying or selecting
/// over the window. Memory is allocated once; adding a value costs at most one move of the ordered array.
/// </summary>
public sealed class SampleWindow
{
    private readonly double[] _ring;
    private readonly SortedSamples _sorted;
    private int _next;

    public SampleWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 3);
        _ring = new double[capacity];
        _sorted = new SortedSamples(capacity);
    }

    public int Capacity => _ring.Length;

    public int Count { get; private set; }

    /// <summary>Bytes held by the ring and the ordered copy (fixed for the window's life).</summary>
    public int BufferBytes => _ring.Length * sizeof(double) + _sorted.BufferBytes;

    /// <summary>
    /// Adds <paramref name="value"/>; when the window was full, the oldest value leaves and is returned
    /// in <paramref name="left"/> (true), so a caller keeping a window derived from this one can follow.
    /// </summary>
    public bool Add(double value, out double left)
    {
        var full = Count == _ring.Length;
        left = full ? _ring[_next] : 0;
        if (full)
            _sorted.Replace(left, value);
        else
        {
            _sorted.Add(value);
            Count++;
        }
        _ring[_next] = value;
        _next = (_next + 1) % _ring.Length;
        return full;
    }

    public void Add(double value) => Add(value, out _);

    /// <summary>Median, median absolute deviation and range (max − min) of the values held; all 0 when empty.</summary>
    public (double Median, double Mad, double Range) Summarize() => _sorted.Summarize();
}
