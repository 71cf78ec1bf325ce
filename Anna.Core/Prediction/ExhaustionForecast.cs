namespace Anna.Core.Prediction;

/// <summary>
/// A confident prediction that a series will reach its critical value.
/// </summary>
/// <param name="At">Timestamp of the last sample the forecast was made from (never a clock read).</param>
/// <param name="Eta">When the series is predicted to reach critical.</param>
/// <param name="Confidence">In [0, 1]: how well the trend is supported (fit, agreement of horizons, persistence).</param>
/// <param name="SlopePerHour">The trend used for <paramref name="Eta"/>, in the metric's own unit per hour
/// (restarts per hour per hour for a restart counter); negative for memory available falling.</param>
/// <param name="Level">The level the trend starts from at <paramref name="At"/> (the upper envelope, in the metric's unit).</param>
public sealed record ExhaustionForecast(DateTime At, DateTime Eta, double Confidence, double SlopePerHour, double Level)
{
    /// <summary>How long until the predicted crossing.</summary>
    public TimeSpan Remaining => Eta - At;
}
