using Anna.Core.Prediction;

namespace Anna.Server.Persistence;

/// <summary>
/// A row of <c>forecast_predictions</c>: one forecast alert of the self-check (<see cref="ForecastPrediction"/>),
/// pending or judged, kept across restarts. The id is the check's own.
/// </summary>
public sealed class ForecastPredictionRow
{
    public long Id { get; set; }
    public ForecastMetric Metric { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset Eta { get; set; }
    public double Confidence { get; set; }
    public double Value { get; set; }
    public double Critical { get; set; }
    public PredictionOutcome Outcome { get; set; }
    public DateTimeOffset? JudgedAt { get; set; }
    public DateTimeOffset? CrossedAt { get; set; }
    public bool Withdrawn { get; set; }

    public ForecastPrediction ToPrediction() =>
        new(Id, Metric, Subject, RaisedAt, Eta, Confidence, Value, Critical, Outcome, JudgedAt, CrossedAt, Withdrawn);

    public static ForecastPredictionRow From(ForecastPrediction p) => new()
    {
        Id = p.Id,
        Metric = p.Metric,
        Subject = p.Subject,
        RaisedAt = p.RaisedAt,
        Eta = p.Eta,
        Confidence = p.Confidence,
        Value = p.Value,
        Critical = p.Critical,
        Outcome = p.Outcome,
        JudgedAt = p.JudgedAt,
        CrossedAt = p.CrossedAt,
        Withdrawn = p.Withdrawn,
    };
}
