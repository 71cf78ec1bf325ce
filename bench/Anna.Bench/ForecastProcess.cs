using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// What a generated series is drawn from: a level as a function of the hour since the start, plus
/// AR(1) noise of standard deviation <paramref name="Sigma"/> (consecutive 5-minute samples are
/// correlated, as a disk's or memory's wander is), kept within [<paramref name="Min"/>, <paramref name="Max"/>].
/// For a restart counter the level is the expected restarts per hour, and the counter is a Poisson process.
/// </summary>
internal sealed record ForecastProcess(
    ForecastMetric Metric,
    double Critical,
    double LengthHours,
    Func<double, double> Level,
    double Sigma,
    double Min = 0,
    double Max = 100);
