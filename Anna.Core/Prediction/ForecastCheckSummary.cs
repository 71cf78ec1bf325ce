using System.Globalization;

namespace Anna.Core.Prediction;

/// <summary>
/// The forecast self-check at a glance: how the last judged forecasts (at most
/// <see cref="ForecastCheck.MaxJudged"/>) turned out, how many are still waiting, and the newest judged ones.
/// </summary>
/// <param name="HitRate">Hits / (hits + misses); null while none came due. Averted forecasts count for neither side.</param>
/// <param name="Recent">The newest judged forecasts, newest first.</param>
/// <param name="Waiting">The forecasts still pending, soonest deadline first.</param>
public sealed record ForecastCheckSummary(
    int Hits,
    int Missed,
    int Averted,
    int Pending,
    double? HitRate,
    IReadOnlyList<ForecastPrediction> Recent,
    IReadOnlyList<ForecastPrediction> Waiting)
{
    /// <summary>Forecasts that came due and could be judged: hits and misses.</summary>
    public int Checked => Hits + Missed;

    /// <summary>"12 of 14 came true (86 %)", or "no forecast has come due yet": what the page and the API say first.</summary>
    public string Headline => HitRate is { } rate
        ? $"{Hits} of {Checked} came true ({Math.Round(rate * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture)} %)"
        : "no forecast has come due yet";
}
