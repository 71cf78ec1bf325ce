namespace Anna.Bench;

/// <summary>How one series was scored.</summary>
/// <param name="Crossing">When it crossed (null: a negative).</param>
/// <param name="FirstCounted">The first alert whose ETA is at most 7 days after it was raised, if any.</param>
/// <param name="Prevented">A positive whose first counted alert came at least an hour before the crossing.</param>
/// <param name="FalseAlarm">A negative with a counted alert.</param>
internal sealed record ForecastOutcome(DateTime? Crossing, ForecastAlert? FirstCounted, bool Prevented, bool FalseAlarm)
{
    public bool Positive => Crossing is not null;

    /// <summary>Crossing − first counted alert, for a positive warned before it crossed.</summary>
    public TimeSpan? Lead => Crossing is { } t && FirstCounted is { } a && a.At < t ? t - a.At : null;

    /// <summary>|ETA − crossing| / lead of the first counted alert, for a positive warned before it crossed.</summary>
    public double? RelativeEtaError => Lead is { } lead && FirstCounted is { } a ? Math.Abs((a.Eta - Crossing!.Value).TotalHours) / lead.TotalHours : null;
}
