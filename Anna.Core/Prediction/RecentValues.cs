namespace Anna.Core.Prediction;

/// <summary>
/// The last values of a series, kept so a <see cref="ContextAnomalyDetector"/> can relearn them when its range
/// widens. Each is held as a 16-bit share of the span between the extremes seen so far: a quarter of the bytes
/// of a double, and still thousands of steps finer than the few levels the detector reads. A value inside the
/// range's margin, just beyond the extremes, is held at the extreme: the default margin is a sliver of the end level,
/// so both have the same level. When the extremes move the shares are rescaled, so they stay shares of one
/// span. Fixed memory; nothing is allocated after construction.
/// </summary>
internal sealed class RecentValues
{
    private const double Full = ushort.MaxValue;

    private readonly ushort[] _shares;
    private int _next;
    private double _min;
    private double _spread;

    public RecentValues(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _shares = new ushort[capacity];
    }

    public int Count { get; private set; }

    public int BufferBytes => _shares.Length * sizeof(ushort);

    /// <summary>
    /// Keeps <paramref name="value"/> as a share of <paramref name="min"/> .. <paramref name="max"/>, the extremes seen
    /// so far (a value beyond them is held at the nearer one); the oldest value goes when the buffer is full.
    /// </summary>
    public void Add(double value, double min, double max)
    {
        if (_shares.Length == 0)
            return;
        if (min != _min || max - min != _spread)
            Rescale(min, max - min);
        _shares[_next] = Share(value);
        _next = (_next + 1) % _shares.Length;
        Count = Math.Min(Count + 1, _shares.Length);
    }

    /// <summary>The <paramref name="index"/>-th of the last <paramref name="last"/> values kept, oldest first.</summary>
    public double Value(int index, int last)
    {
        var at = (_next - last + index) % _shares.Length;
        if (at < 0)
            at += _shares.Length;
        return _min + _shares[at] / Full * _spread;
    }

    private void Rescale(double min, double spread)
    {
        var (oldMin, oldSpread) = (_min, _spread);
        (_min, _spread) = (min, spread);
        var start = (_next - Count + _shares.Length) % _shares.Length;
        for (var i = 0; i < Count; i++)
        {
            var at = (start + i) % _shares.Length;
            _shares[at] = Share(oldMin + _shares[at] / Full * oldSpread);
        }
    }

    private ushort Share(double value) =>
        _spread > 0 ? (ushort)Math.Clamp(Math.Round((value - _min) / _spread * Full), 0, Full) : (ushort)0;
}
