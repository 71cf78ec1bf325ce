using Anna.Core.Prediction;
using Anna.Core.Vocabulary;

namespace Anna.Server.Api;

/// <summary>One forecast alert of the self-check as the API shows it.</summary>
/// <param name="Metric">disk_used_percent, inode_used_percent, memory_available_percent, …</param>
/// <param name="RaisedAt">The sample the forecast was made from.</param>
/// <param name="Deadline">The latest a crossing still makes it come true: the ETA plus max(1 h, 25 % of the lead).</param>
/// <param name="Value">The series' value when it was raised.</param>
/// <param name="Outcome">pending, hit, missed or averted.</param>
/// <param name="CrossedAt">When the series reached critical (the first of three samples), for a crossing.</param>
/// <param name="Withdrawn">For a miss: the forecaster had dropped the alert by then.</param>
public sealed record ForecastPredictionDto(long Id, string Metric, string Subject, DateTimeOffset RaisedAt, DateTimeOffset Eta, DateTimeOffset Deadline,
    double Confidence, double Value, double Critical, string Outcome, DateTimeOffset? JudgedAt, DateTimeOffset? CrossedAt, bool Withdrawn)
{
    public static ForecastPredictionDto From(ForecastPrediction p) =>
        new(p.Id, p.Metric.Name(), p.Subject, p.RaisedAt, p.Eta, p.Deadline, Math.Round(p.Confidence, 2), Math.Round(p.Value, 2), p.Critical,
            EnumNames<PredictionOutcome>.ToName(p.Outcome), p.JudgedAt, p.CrossedAt, p.Withdrawn);
}
