using Anna.Core.Prediction;

namespace Anna.Server.Api;

/// <summary>The forecast self-check as the API shows it: counts over the newest judged forecasts, and the latest of them.</summary>
/// <param name="HitRate">hits / (hits + missed), 0–1; null while no forecast has come due. Averted ones count for neither.</param>
/// <param name="Headline">"12 of 14 came true (86 %)" or "no forecast has come due yet".</param>
/// <param name="Recent">The newest judged forecasts, newest first.</param>
/// <param name="Waiting">The forecasts still to be judged, soonest deadline first.</param>
public sealed record ForecastSelfCheckDto(int Hits, int Missed, int Averted, int Pending, double? HitRate, string Headline,
    List<ForecastPredictionDto> Recent, List<ForecastPredictionDto> Waiting)
{
    public static ForecastSelfCheckDto From(ForecastCheckSummary summary) =>
        new(summary.Hits, summary.Missed, summary.Averted, summary.Pending, summary.HitRate is { } rate ? Math.Round(rate, 4) : null, summary.Headline,
            [.. summary.Recent.Select(ForecastPredictionDto.From)], [.. summary.Waiting.Select(ForecastPredictionDto.From)]);
}
