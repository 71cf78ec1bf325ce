using System.Numerics;

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

    /// <summary>
    /// The peak of the values held (0 before any), then <paramref name="value"/> joins them (not a
    /// number counts as 0: it is never a peak). The scan runs over every sample, so it goes a vector
    /// of values at a time; a maximum is exact, so the peak is the same number a plain loop finds.
    /// </summary>
    public float PeakThenAdd(double value)
    {
        var values = _ring.AsSpan();
        var widest = Vector<float>.Zero;
        var i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            widest = Vector.Max(widest, new Vector<float>(values[i..]));
        var peak = 0f;
        for (var lane = 0; lane < Vector<float>.Count; lane++)
            if (widest[lane] > peak) peak = widest[lane];
        for (; i < values.Length; i++)
            if (values[i] > peak) peak = values[i];
        var stored = (float)value;
        _ring[_next] = float.IsNaN(stored) ? 0 : stored;
        _next = (_next + 1) % _ring.Length;
        return peak;
    }
}
