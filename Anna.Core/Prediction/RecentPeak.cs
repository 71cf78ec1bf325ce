namespace Anna.Core.Prediction;

/// <summary>
/// The highest of the last <see cref="Capacity"/> scores, in a fixed ring of single-precision
/// values (a score needs no more, and the ring is half the size).
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

    /// <summary>The peak of the scores held (0 before any), then <paramref name="score"/> joins them.</summary>
    public double PeakThenAdd(double score)
    {
        var peak = 0f;
        foreach (var s in _ring)
            if (s > peak) peak = s;
        _ring[_next] = (float)score;
        _next = (_next + 1) % _ring.Length;
        return peak;
    }
}
