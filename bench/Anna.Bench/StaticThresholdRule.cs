using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// The other anchor: a static warning 5 points before critical ("95 % − 5"), on a sample at or beyond
/// it. For percentages that is critical − 5 points (critical + 5 for memory available); for the others
/// the same 5 % of the scale: 95 % of a unit's memory limit, 95 % of the critical restart rate (the
/// trailing hour's restarts). It predicts nothing, so its ETA is the moment it warns; it raises once,
/// and again only after the level went back below the warning.
/// </summary>
internal sealed class StaticThresholdRule : IForecastModel
{
    private readonly TrailingLevel _level;
    private readonly double _warning;
    private bool _firing;

    public StaticThresholdRule(ForecastMetric metric, double critical)
    {
        _level = new TrailingLevel(metric);
        _warning = metric switch
        {
            ForecastMetric.MemoryAvailablePercent => -(critical + 5),
            ForecastMetric.UnitMemoryBytes or ForecastMetric.UnitRestartsTotal => 0.95 * critical,
            _ => critical - 5,
        };
    }

    public ForecastAlert? Observe(DateTime timestamp, double value)
    {
        var level = _level.Observe(timestamp, value);
        if (double.IsNaN(level) || level < _warning)
        {
            _firing = false;
            return null;
        }
        if (_firing)
            return null;
        _firing = true;
        return new ForecastAlert(timestamp, timestamp, 1.0);
    }
}
