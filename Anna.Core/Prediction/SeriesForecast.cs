namespace Anna.Core.Prediction;

/// <summary>
/// Where one forecast series stands: its newest value and the critical value it is judged against,
/// and the forecast in force, if any (<see cref="ExhaustionForecaster.Current"/>).
/// <paramref name="TotalBytes"/> is a filesystem's size, where its bytes in use were measured too.
/// <paramref name="Leak"/>, for the machine's memory forecast to run short, is the unit growing into it.
/// </summary>
public sealed record SeriesForecast(
    ForecastMetric Metric,
    string Subject,
    DateTimeOffset LastAt,
    double LastValue,
    double Critical,
    ExhaustionForecast? Forecast,
    double? TotalBytes = null,
    LikelyLeak? Leak = null);
