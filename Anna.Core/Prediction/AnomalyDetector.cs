namespace Anna.Core.Prediction;

/// <summary>
/// A streaming anomaly detector for one series. Each sample is scored in [0, 1] against what came
/// before it only (no look-ahead), then joins the baseline. Two robust views are combined:
/// the value against the median/MAD of the last <see cref="AnomalyDetectorOptions.Window"/> values
/// (catches level shifts and spikes), and the first difference against the median/MAD of the past
/// differences (catches a sudden jump or a change of slope inside the usual range). The larger
/// deviation z gives the surprise z² / (z² + h²), so h deviations give 0.5. The score is the
/// surprise when it beats every surprise of the last <see cref="AnomalyDetectorOptions.Quiet"/>
/// samples, else 0: an anomaly is reported when it starts, not again at every sample it lasts.
/// Memory is fixed at construction; scoring allocates nothing.
/// </summary>
public sealed class AnomalyDetector
{
    private readonly AnomalyDetectorOptions _options;
    private readonly SampleWindow _values;
    private readonly SampleWindow _differences;
    private readonly double[] _scratch;
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
        _differences = new SampleWindow(_options.Window);
        _scratch = new double[_options.Window];
        _recent = new RecentPeak(Math.Max(_options.Quiet, 1));
    }

    /// <summary>Bytes of the buffers this series holds; fixed for the detector's life.</summary>
    public int BufferBytes => _values.BufferBytes + _differences.BufferBytes + _scratch.Length * sizeof(double) + _recent.BufferBytes;

    /// <summary>The last sample's surprise in [0, 1], before the quiet rule: high for as long as an anomaly lasts.</summary>
    public double Surprise { get; private set; }

    /// <summary>Scores <paramref name="value"/> against the past, then learns it. Not a number scores 0 and is not learned.</summary>
    public double Score(double value)
    {
        if (!double.IsFinite(value))
            return 0;
        var difference = _seen > 0 ? value - _previous : 0;
        var surprise = 0.0;
        if (_values.Count >= _options.Warmup)
        {
            // The baseline moves slowly; refreshing it every few samples costs a fraction of the window.
            if ((_seen - _options.Warmup) % _options.Refresh == 0)
            {
                _valueBaseline = _values.Summarize(_scratch);
                _differenceBaseline = _differences.Summarize(_scratch);
            }
            var deviation = Math.Max(Deviation(_valueBaseline, value), Deviation(_differenceBaseline, difference));
            var squared = deviation * deviation;
            surprise = squared / (squared + _options.HalfScoreDeviation * _options.HalfScoreDeviation);
        }
        _values.Add(value);
        if (_seen > 0)
            _differences.Add(difference);
        _previous = value;
        _seen++;
        Surprise = surprise;
        if (_options.Quiet == 0)
            return surprise;
        // Compared at the precision the peaks are kept in: a sustained anomaly's surprise creeps up in
        // the last digits, and that is not news.
        var peak = _recent.PeakThenAdd(surprise);
        return (float)surprise > peak ? surprise : 0;
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
