namespace Anna.Core.Prediction;

/// <summary>
/// The highest of the last <see cref="Capacity"/> non-negative values (deviations), in a fixed ring of
/// single-precision values (a comparison needs no more, and the ring is half the size).
/// </summary>
public sealed class RecentPeak
{
    private readonly float[] _ring;
    private int _next;

    public RecentPeak(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new float[capacity];
    }

    public int Capacity => _ring.Length;

    public int BufferBytes => _ring.Length * sizeof(float);

    /// <summary>The peak of the values held (0 before any), then <paramref name="value"/> joins them.</summary>
    public float PeakThenAdd(double value)
    {
        var peak = 0f;
        foreach (var s in _ring)
            if (s > peak) peak = s;
        _ring[_next] = (float)value;
        _next = (_next + 1) % _ring.Length;
        return peak;
    }
}
