using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// What the anchor rules compare with critical, oriented so that exhaustion is going up: the value
/// (negated for memory available), or for a restart counter its increase over the trailing hour,
/// as Prometheus' <c>increase(x[1h])</c> gives it (NaN in the first hour).
/// </summary>
internal sealed class TrailingLevel(ForecastMetric metric)
{
    private readonly Queue<(DateTime At, double Total)> _hour = new();
    private double _total;
    private double _previous = double.NaN;

    public double Sign { get; } = metric.FallsToCritical() ? -1 : 1;

    public double Observe(DateTime timestamp, double value)
    {
        if (!metric.IsCounter())
            return Sign * value;
        if (!double.IsNaN(_previous))
            _total += value >= _previous ? value - _previous : Math.Max(value, 0);
        _previous = value;
        _hour.Enqueue((timestamp, _total));
        // Keep the newest sample at least an hour old and everything after it.
        var hourAgo = timestamp.AddHours(-1);
        while (_hour.Count > 1 && _hour.ElementAt(1).At <= hourAgo)
            _hour.Dequeue();
        var (oldestAt, oldestTotal) = _hour.Peek();
        return oldestAt <= hourAgo ? _total - oldestTotal : double.NaN;
    }
}
