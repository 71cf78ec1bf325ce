using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// The anchor most Linux fleets run: node-exporter mixin's "filesystem filling up" warning,
/// <c>predict_linear(avail[6h], 24h) &lt; 0 and avail &lt; 40 %</c>, held for 1 h. Adapted so it aims
/// at the same crossing as everything else scored here (critical, not 0 % free), per metric, on the
/// level oriented towards exhaustion: a least-squares line over the last 6 h of samples predicts the
/// level 24 h on; the rule holds while that is at or beyond critical and less than 40 % of the scale
/// is left (used over 60 % for disk and inodes, available under 40 % for memory, over 60 % of the
/// limit for a unit's memory, over 60 % of the critical rate for restarts, whose level is
/// <c>increase(restarts[1h])</c>). After it has held for an hour it raises one alert, with the ETA where
/// the line meets critical; it raises again only after it stopped holding.
/// </summary>
internal sealed class NodeExporterRule : IForecastModel
{
    private static readonly TimeSpan Range = TimeSpan.FromHours(6);
    private static readonly TimeSpan Ahead = TimeSpan.FromHours(24);
    private static readonly TimeSpan For = TimeSpan.FromHours(1);

    private readonly TrailingLevel _level;
    private readonly double _critical;
    private readonly double _busy;
    private readonly Queue<(DateTime At, double Level)> _window = new();
    private DateTime? _since;
    private bool _firing;

    public NodeExporterRule(ForecastMetric metric, double critical)
    {
        _level = new TrailingLevel(metric);
        _critical = _level.Sign * critical;
        _busy = metric switch
        {
            ForecastMetric.MemoryAvailablePercent => -40,
            ForecastMetric.UnitMemoryBytes or ForecastMetric.UnitRestartsTotal => 0.6 * critical,
            _ => 60,
        };
    }

    public ForecastAlert? Observe(DateTime timestamp, double value)
    {
        var level = _level.Observe(timestamp, value);
        if (double.IsNaN(level))
            return null;
        _window.Enqueue((timestamp, level));
        while (_window.Peek().At < timestamp - Range)
            _window.Dequeue();

        var (now, slope) = Fit(timestamp);
        var holds = _window.Count >= 2 && now + slope * Ahead.TotalHours >= _critical && level > _busy;
        if (!holds)
        {
            _since = null;
            _firing = false;
            return null;
        }
        _since ??= timestamp;
        if (_firing || timestamp - _since < For)
            return null;
        _firing = true;
        var hours = slope > 0 ? Math.Max(0, (_critical - now) / slope) : 0;
        return new ForecastAlert(timestamp, timestamp.AddHours(hours), 1.0);
    }

    // Least squares over the window, x in hours before the newest sample: (value at now, slope per hour),
    // which is what predict_linear extrapolates from.
    private (double Now, double Slope) Fit(DateTime timestamp)
    {
        double n = _window.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var (at, y) in _window)
        {
            var x = (at - timestamp).TotalHours;
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        var denominator = n * sxx - sx * sx;
        if (n < 2 || denominator == 0)
            return (sy / Math.Max(n, 1), 0);
        var slope = (n * sxy - sx * sy) / denominator;
        return ((sy - slope * sx) / n, slope);
    }
}
