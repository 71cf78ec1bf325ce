namespace Anna.Core.Prediction;

/// <summary>
/// Tells growth from news for one series of <see cref="AnomalyWatch"/>. A series that keeps reaching new highs
/// (or lows) by the steps it usually takes — a filling disk, a log between rotations — shifts the contextual
/// detector's learned range again and again, and every shift reads as news: the widening scores 1 and the
/// detector relearns its levels, so the next samples are unfamiliar too. Where such a series is heading is the
/// forecasts' business; as an anomaly it would be raised about once a day. So a sample that reaches a new extreme
/// by a usual step is growth, and so are the samples after it while the detector is still relearning and the
/// steps stay usual. A step far beyond the usual — a jump, a spike, a fill suddenly much faster — is never growth,
/// nor is anything after it until the detector has learned the series again (a jump to a new level goes on by
/// usual steps), nor any change of a series that stood still (its usual step is none).
/// </summary>
public sealed class SteadyGrowth
{
    /// <summary>How many times the usual step a step may be and still be usual.</summary>
    public const double UsualSteps = 4;

    // The usual step is a moving mean of the steps' sizes over about the last 50.
    private const double Smoothing = 0.02;

    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private double _previous = double.NaN;
    private double _usualStep = double.NaN;
    private bool _growing;
    private bool _afterJump;

    /// <summary>Learns <paramref name="value"/> and says whether it is growth rather than news.</summary>
    /// <param name="relearning">Whether the detector still finds the series unfamiliar (its surprise at or above the clear level).</param>
    public bool Observe(double value, bool relearning)
    {
        var newExtreme = value > _max || value < _min;
        if (double.IsNaN(_previous))
        {
            (_min, _max, _previous) = (value, value, value);
            return false;
        }
        var step = Math.Abs(value - _previous);
        var usual = !double.IsNaN(_usualStep) && step <= UsualSteps * _usualStep;
        if (!usual)
            _afterJump = true;
        else if (!relearning)
            _afterJump = false;
        _growing = usual && !_afterJump && (newExtreme || (_growing && relearning));
        _usualStep = double.IsNaN(_usualStep) ? step : _usualStep + Smoothing * (step - _usualStep);
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _previous = value;
        return _growing;
    }
}
