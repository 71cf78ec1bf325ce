using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

/// <summary>
/// The anomaly detector written the obvious way, as a check on the real one: the last values and
/// differences in plain lists, and at every refresh the median, MAD and range recomputed by sorting
/// them. Slow and allocating, but with nothing kept incrementally that could drift.
/// </summary>
internal sealed class StraightforwardAnomalyDetector(AnomalyDetectorOptions options)
{
    private readonly List<double> _values = [];
    private readonly List<double> _differences = [];
    private readonly List<float> _recent = [];
    private (double Median, double Mad, double Range) _valueBaseline;
    private (double Median, double Mad, double Range) _differenceBaseline;
    private double _previous;
    private long _seen;

    public double Surprise { get; private set; }

    public double Score(double value)
    {
        if (!double.IsFinite(value))
            return 0;
        var difference = _seen > 0 ? value - _previous : 0;
        var deviation = 0.0;
        if (_values.Count >= options.Warmup)
        {
            if ((_seen - options.Warmup) % options.Refresh == 0)
            {
                _valueBaseline = Summarize(_values);
                _differenceBaseline = Summarize(_differences);
            }
            deviation = Math.Min(float.MaxValue, Math.Max(Deviation(_valueBaseline, value), Deviation(_differenceBaseline, difference)));
        }
        Keep(_values, value, options.Window);
        if (_seen > 0)
            Keep(_differences, difference, options.Window);
        _previous = value;
        _seen++;
        Surprise = Squash(deviation);
        if (options.Quiet == 0)
            return Surprise;
        var peak = _recent.Count == 0 ? 0f : Math.Max(0f, _recent.Max());
        Keep(_recent, (float)deviation, options.Quiet);
        return Squash(Math.Max(0, (float)deviation - peak));
    }

    private static void Keep<T>(List<T> list, T value, int capacity)
    {
        list.Add(value);
        if (list.Count > capacity)
            list.RemoveAt(0);
    }

    private static (double Median, double Mad, double Range) Summarize(List<double> values)
    {
        if (values.Count == 0)
            return (0, 0, 0);
        var sorted = values.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        return (median, deviations[sorted.Length / 2], sorted[^1] - sorted[0]);
    }

    private double Squash(double deviation)
    {
        if (deviation <= 0)
            return 0;
        var ratio = options.HalfScoreDeviation / deviation;
        return 1 / (1 + ratio * ratio);
    }

    private double Deviation((double Median, double Mad, double Range) baseline, double x)
    {
        var spread = Math.Max(1.4826 * baseline.Mad, options.MinSpreadShareOfRange * baseline.Range);
        if (spread <= 0)
            spread = Math.Max(Math.Abs(baseline.Median) * 1e-6, 1e-12);
        return Math.Abs(x - baseline.Median) / spread;
    }
}
