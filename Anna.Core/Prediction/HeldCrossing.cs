namespace Anna.Core.Prediction;

/// <summary>
/// Finds, sample by sample, when one series reaches its critical value the way the forecast scorer
/// counts it: three samples in a row at or beyond critical (at or below for memory available), the
/// crossing dated by the first of them. A restart counter is compared by its increase over the
/// trailing hour (<see cref="CounterRate"/>, the forecaster's own rule). About 200 bytes for a counter,
/// a few dozen otherwise.
/// </summary>
public sealed class HeldCrossing(ForecastMetric metric)
{
    public const int HeldSamples = 3;

    private readonly CounterRate? _rate = metric.IsCounter() ? new CounterRate() : null;
    private readonly bool _falling = metric.FallsToCritical();
    private int _run;
    private DateTimeOffset _runStart;

    /// <summary>The first sample of the run at or beyond critical going on now, or null when the last sample was short of it.</summary>
    public DateTimeOffset? RunStart => _run > 0 ? _runStart : null;

    /// <summary>
    /// Learns one sample; returns the crossing's time when this sample is the third in a row at or
    /// beyond <paramref name="critical"/>, otherwise null (also for the samples after that in the same run).
    /// </summary>
    public DateTimeOffset? Observe(DateTimeOffset at, double value, double critical)
    {
        var level = _rate is null ? value : _rate.Observe(at.UtcDateTime, value);
        var beyond = double.IsFinite(level) && (_falling ? level <= critical : level >= critical);
        if (!beyond)
        {
            _run = 0;
            return null;
        }
        if (_run == 0)
            _runStart = at;
        _run++;
        return _run == HeldSamples ? _runStart : null;
    }
}
