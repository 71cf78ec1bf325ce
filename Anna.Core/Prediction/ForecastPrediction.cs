namespace Anna.Core.Prediction;

/// <summary>
/// One forecast alert as <see cref="ForecastCheck"/> keeps it: what was predicted when, for which
/// series, and how it turned out.
/// </summary>
/// <param name="Id">Its number in the check's record (stable across restarts).</param>
/// <param name="RaisedAt">The timestamp of the sample the forecast was made from.</param>
/// <param name="Eta">When the series was predicted to reach <paramref name="Critical"/>.</param>
/// <param name="Value">The series' value when the forecast was raised.</param>
/// <param name="Critical">The critical value it was judged against (the one in force when raised).</param>
/// <param name="JudgedAt">When it was judged: the sample (or, for a silent series, the clock) that decided, or the fix that averted it.</param>
/// <param name="CrossedAt">For a crossing: the first of the three samples at or beyond critical.</param>
/// <param name="Withdrawn">For a miss: the forecaster no longer stood by the alert when it was judged.</param>
public sealed record ForecastPrediction(
    long Id,
    ForecastMetric Metric,
    string Subject,
    DateTimeOffset RaisedAt,
    DateTimeOffset Eta,
    double Confidence,
    double Value,
    double Critical,
    PredictionOutcome Outcome = PredictionOutcome.Pending,
    DateTimeOffset? JudgedAt = null,
    DateTimeOffset? CrossedAt = null,
    bool Withdrawn = false)
{
    /// <summary>How far ahead the crossing was predicted.</summary>
    public TimeSpan Lead => Eta - RaisedAt;

    /// <summary>The latest a crossing still counts as the forecast coming true: <see cref="Eta"/> plus <see cref="ForecastCheck.Tolerance"/>.</summary>
    public DateTimeOffset Deadline => Eta + ForecastCheck.Tolerance(Lead);
}
