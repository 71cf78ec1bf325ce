namespace Anna.Core.Prediction;

/// <summary>
/// The highest level of each closed hour of a series, for the last <see cref="Capacity"/> hours, in a
/// fixed ring (oldest overwritten). Hours with no sample are simply absent: every entry carries its
/// hour number, so a gap stays a gap on the time axis instead of squeezing the trend.
/// </summary>
public sealed class HourlyMaxima
{
    private readonly long[] _hours;
    private readonly double[] _maxima;
    private int _next;

    public HourlyMaxima(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _hours = new long[capacity];
        _maxima = new double[capacity];
    }

    public int Capacity => _hours.Length;

    public int Count { get; private set; }

    public int BufferBytes => _hours.Length * sizeof(long) + _maxima.Length * sizeof(double);

    public void Add(long hour, double maximum)
    {
        _hours[_next] = hour;
        _maxima[_next] = maximum;
        _next = (_next + 1) % _hours.Length;
        if (Count < _hours.Length)
            Count++;
    }

    /// <summary>The hour number of the entry <paramref name="back"/> places before the newest (0 = newest).</summary>
    public long Hour(int back) => _hours[Index(back)];

    /// <summary>The maximum of the entry <paramref name="back"/> places before the newest (0 = newest).</summary>
    public double Maximum(int back) => _maxima[Index(back)];

    /// <summary>
    /// The upper envelope at entry <paramref name="back"/>: the highest maximum of the hours in
    /// (its hour − <paramref name="window"/>, its hour]. A daily cycle's peak, or a sawtooth's last
    /// tooth, stays in it for as long as the window lasts.
    /// </summary>
    public double Envelope(int back, int window)
    {
        var until = Hour(back) - window;
        var envelope = double.NegativeInfinity;
        for (var i = back; i < Count && Hour(i) > until; i++)
            envelope = Math.Max(envelope, Maximum(i));
        return envelope;
    }

    /// <summary>The mean of the values of the hours in (its hour − <paramref name="window"/>, its hour], for a rate that is noisy hour to hour.</summary>
    public double Mean(int back, int window)
    {
        var until = Hour(back) - window;
        double sum = 0;
        var n = 0;
        for (var i = back; i < Count && Hour(i) > until; i++, n++)
            sum += Maximum(i);
        return sum / n;
    }

    private int Index(int back)
    {
        if ((uint)back >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(back), back, $"only {Count} hours are held");
        return ((_next - 1 - back) % _hours.Length + _hours.Length) % _hours.Length;
    }
}
