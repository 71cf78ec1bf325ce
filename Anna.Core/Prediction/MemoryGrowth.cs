namespace Anna.Core.Prediction;

/// <summary>
/// How fast one unit without a memory limit grows: the mean of each hour's samples over the last
/// <see cref="Hours"/> hours and the Theil–Sen slope through them, in bytes an hour. Such a unit has no
/// limit of its own to reach; what it runs out of is the machine's memory, so this is what names the
/// likely cause when the machine's memory is forecast to run short (<see cref="ForecastWatch"/>).
/// Hourly means smooth a garbage collector's saw; the median of pair slopes ignores a restart that
/// drops the unit back once. Pure: every timestamp comes with its sample. About 300 bytes.
/// </summary>
public sealed class MemoryGrowth
{
    /// <summary>The hours the slope is taken over: long enough to see past a saw, short enough to be this leak's.</summary>
    public const int Hours = 12;

    /// <summary>Closed hours needed before the slope is believed.</summary>
    public const int MinHours = 6;

    private readonly long[] _hours = new long[Hours];
    private readonly double[] _means = new double[Hours];
    private int _count;
    private int _next;
    private long _hour = long.MinValue;
    private double _sum;
    private int _samples;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    /// <summary>The newest sample's value, in bytes.</summary>
    public double Last { get; private set; } = double.NaN;

    /// <summary>Learns one sample; not a number, or not later than the previous, is ignored.</summary>
    public void Observe(DateTimeOffset at, double bytes)
    {
        if (!double.IsFinite(bytes) || at <= _last)
            return;
        _last = at;
        Last = bytes;
        var hour = at.ToUnixTimeSeconds() / 3600;
        if (hour != _hour)
        {
            Close();
            _hour = hour;
        }
        _sum += bytes;
        _samples++;
    }

    /// <summary>
    /// Bytes an hour over the closed hours of the last <see cref="Hours"/> before <paramref name="now"/>;
    /// null with fewer than <see cref="MinHours"/> of them (new, or stopped and started again).
    /// </summary>
    /// <param name="scratch">Work space of at least <see cref="ScratchLength"/> values, lent so nothing is allocated.</param>
    public double? SlopePerHour(DateTimeOffset now, Span<double> scratch)
    {
        var current = now.ToUnixTimeSeconds() / 3600;
        Span<double> x = stackalloc double[Hours + 1];
        Span<double> y = stackalloc double[Hours + 1];
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (current - _hours[i] > Hours)
                continue;
            x[n] = _hours[i] - current;
            y[n] = _means[i];
            n++;
        }
        if (_samples > 0 && _hour < current && current - _hour <= Hours)
        {
            // The last hour seen has closed, though no sample has come after it to say so.
            x[n] = _hour - current;
            y[n] = _sum / _samples;
            n++;
        }
        return n < MinHours ? null : TheilSen.Fit(x[..n], y[..n], scratch).Slope;
    }

    /// <summary>The work space <see cref="SlopePerHour"/> needs.</summary>
    public static int ScratchLength => TheilSen.ScratchFor(Hours + 1);

    private void Close()
    {
        if (_samples == 0)
            return;
        _hours[_next] = _hour;
        _means[_next] = _sum / _samples;
        _next = (_next + 1) % Hours;
        _count = Math.Min(_count + 1, Hours);
        _sum = 0;
        _samples = 0;
    }
}
