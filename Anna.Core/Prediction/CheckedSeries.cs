namespace Anna.Core.Prediction;

/// <summary>What <see cref="ForecastCheck"/> keeps for one series between samples.</summary>
internal sealed class CheckedSeries(ForecastMetric metric)
{
    public HeldCrossing Crossing { get; } = new(metric);

    /// <summary>The newest sample taken into account: older ones (a replay of history at start) are not counted twice.</summary>
    public DateTimeOffset Seen { get; set; } = DateTimeOffset.MinValue;

    /// <summary>A new prediction must have been raised after this: the previous one's judgement.</summary>
    public DateTimeOffset NotBefore { get; set; } = DateTimeOffset.MinValue;

    /// <summary>The one prediction outstanding for the series, if any.</summary>
    public ForecastPrediction? Pending { get; set; }

    /// <summary>Whether the forecaster stood by a counted alert at the last sample.</summary>
    public bool Standing { get; set; }
}
