namespace Anna.Core.Prediction;

/// <summary>How a forecast alert turned out, as <see cref="ForecastCheck"/> judges it.</summary>
public enum PredictionOutcome
{
    /// <summary>Its deadline has not passed and the series has not reached critical yet.</summary>
    Pending,

    /// <summary>The series reached critical (held for three samples) no later than the deadline.</summary>
    Hit,

    /// <summary>The deadline passed without a crossing (or the crossing came after it).</summary>
    Missed,

    /// <summary>A fix that frees the resource ran for the subject before any crossing: the forecast can no longer be judged.</summary>
    Averted,
}
