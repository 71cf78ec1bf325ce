namespace Anna.Core.Prediction;

/// <summary>
/// A streaming anomaly detector for one series. Each sample is scored in [0, 1] against what came
/// before it only (no look-ahead), then joins the baseline. Two robust views are combined:
/// the value against the median/MAD of the last <see cref="AnomalyDetectorOptions.Window"/> values
/// (catches level shifts and spikes), and the first difference against the median/MAD of the past
/// differences (catches a sudden jump or a change of slope inside the usual range). The larger
/// deviation z becomes the score z² / (z² + h²), so h deviations score 0.5.
/// Memory is fixed at construction: two windows of ring and scratch, no growth with the series.
/// </summary>
public sealed class AnomalyDetector
{
    private readonly AnomalyDetectorOptions _options;
    private readonly SampleWindow _values;
    private readonly SampleWindow _differences;
    private double _previous;
    private bool _hasPrevious;

    public AnomalyDetector(AnomalyDetectorOptions? options = null)
    {
        _options = options ?? AnomalyDetectorOptions.Default;
        _options.Validate();
        _values = new SampleWindow(_options.Window);
        _differences = new SampleWindow(_options.Window);
    }

    /// <summary>Bytes of the buffers this series holds; fixed for the detector's life.</summary>
    public int BufferBytes => _values.BufferBytes + _differences.BufferBytes;

    /// <summary>Scores <paramref name="value"/> against the past, then learns it. Not a number scores 0 and is not learned.</summary>
    public double Score(double value)
    {
        if (!double.IsFinite(value))
            return 0;
        var difference = _hasPrevious ? value - _previous : 0;
        var score = 0.0;
        if (_values.Count >= _options.Warmup)
        {
            var deviation = Math.Max(Deviation(_values, value), Deviation(_differences, difference));
            var squared = deviation * deviation;
            var half = _options.HalfScoreDeviation * _options.HalfScoreDeviation;
            score = squared / (squared + half);
        }
        _values.Add(value);
        if (_hasPrevious)
            _differences.Add(difference);
        _previous = value;
        _hasPrevious = true;
        return score;
    }

    // |x − median| in robust standard deviations (1.4826 · MAD), with a floor on the spread so a
    // flat baseline does not make every small change infinite.
    private double Deviation(SampleWindow window, double x)
    {
        if (window.Count == 0)
            return 0;
        var (median, mad, range) = window.Summarize();
        var spread = Math.Max(1.4826 * mad, _options.MinSpreadShareOfRange * range);
        var distance = Math.Abs(x - median);
        if (spread <= 0)
            spread = Math.Max(Math.Abs(median) * 1e-6, 1e-12);
        return distance / spread;
    }
}
