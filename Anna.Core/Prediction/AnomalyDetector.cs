namespace Anna.Core.Prediction;

/// <summary>
/// A streaming anomaly detector for one series. Each sample is scored in [0, 1] against what came
/// before it only (no look-ahead), then joins the baseline. Two robust views are combined:
/// the value against the median/MAD of the last <see cref="AnomalyDetectorOptions.Window"/> values
/// (catches level shifts and spikes), and the first difference against the median/MAD of the past
/// differences (catches a sudden jump or a change of slope inside the usual range); the larger
/// deviation z counts. The score is news, not level: e = z minus the largest z of the last
/// <see cref="AnomalyDetectorOptions.Quiet"/> samples (0 when not above it), squashed to e² / (e² + h²).
/// So a series that is always jumpy has to out-jump itself, and a long anomaly is reported when it
/// starts rather than at every sample it lasts; <see cref="Surprise"/> (z² / (z² + h²)) stays high
/// for as long as it lasts. Memory is fixed at construction; scoring allocates nothing, and every
/// sample's work is bounded: the windows are kept in order as samples come and go (one bounded move
/// each), so a refresh of the baseline reads its median and MAD in O(log n) instead of selecting them
/// from a copy of the whole window.
/// </summary>
public sealed class AnomalyDetector : ISurpriseDetector
{
    private readonly AnomalyDetectorOptions _options;
    private readonly SampleWindow _values;
    // The differences need no ring of their own: the one leaving is the difference of the two values
    // that last left the value window, recomputed exactly as it was when it joined.
    private readonly SortedSamples _differences;
    private double _leftBefore;
    private readonly RecentPeak _recent;
    private (double Median, double Mad, double Range) _valueBaseline;
    private (double Median, double Mad, double Range) _differenceBaseline;
    private double _previous;
    private long _seen;

    public AnomalyDetector(AnomalyDetectorOptions? options = null)
    {
        _options = options ?? AnomalyDetectorOptions.Default;
        _options.Validate();
        _values = new SampleWindow(_options.Window);
        _differences = new SortedSamples(_options.Window);
        _recent = new RecentPeak(Math.Max(_options.Quiet, 1));
    }

    /// <summary>Bytes of the buffers this series holds; fixed for the detector's life.</summary>
    public int BufferBytes => _values.BufferBytes + _differences.BufferBytes + _recent.BufferBytes;

    /// <summary>The last sample's surprise in [0, 1], before the quiet rule: high for as long as an anomaly lasts.</summary>
    public double Surprise { get; private set; }

    /// <summary>Scores <paramref name="value"/> and returns its <see cref="Surprise"/>, what <see cref="AnomalyWatch"/> reads.</summary>
    public double Observe(double value)
    {
        Score(value);
        return Surprise;
    }

    /// <summary>Scores <paramref name="value"/> against the past, then learns it. Not a number scores 0 and is not learned.</summary>
    public double Score(double value)
    {
        if (!double.IsFinite(value))
            return 0;
        var difference = _seen > 0 ? value - _previous : 0;
        var deviation = 0.0;
        if (_values.Count >= _options.Warmup)
        {
            // The baseline moves slowly and is taken afresh every few samples (the defaults were chosen so).
            if ((_seen - _options.Warmup) % _options.Refresh == 0)
            {
                _valueBaseline = _values.Summarize();
                _differenceBaseline = _differences.Summarize();
            }
            // Clamped so it stays comparable with the peaks kept in single precision.
            deviation = Math.Min(float.MaxValue, Math.Max(Deviation(_valueBaseline, value), Deviation(_differenceBaseline, difference)));
        }
        var full = _values.Add(value, out var left);
        if (_seen > 0)
        {
            // Once the difference window is full, the value window has let go of a value at this sample
            // and at the one before: the leaving difference is theirs.
            if (_differences.Count < _differences.Capacity)
                _differences.Add(difference);
            else
                _differences.Replace(left - _leftBefore, difference);
        }
        if (full)
            _leftBefore = left;
        _previous = value;
        _seen++;
        Surprise = Squash(deviation);
        if (_options.Quiet == 0)
            return Surprise;
        // Compared at the precision the peaks are kept in, so a deviation equal to an earlier one is no news.
        var peak = _recent.PeakThenAdd(deviation);
        return Squash(Math.Max(0, (float)deviation - peak));
    }

    // d² / (d² + h²), written so a huge d cannot overflow into NaN.
    private double Squash(double deviation)
    {
        if (deviation <= 0)
            return 0;
        var ratio = _options.HalfScoreDeviation / deviation;
        return 1 / (1 + ratio * ratio);
    }

    // |x − median| in robust standard deviations (1.4826 · MAD), with a floor on the spread so a
    // flat baseline does not make every small change infinite.
    private double Deviation((double Median, double Mad, double Range) baseline, double x)
    {
        var spread = Math.Max(1.4826 * baseline.Mad, _options.MinSpreadShareOfRange * baseline.Range);
        if (spread <= 0)
            spread = Math.Max(Math.Abs(baseline.Median) * 1e-6, 1e-12);
        return Math.Abs(x - baseline.Median) / spread;
    }
}
