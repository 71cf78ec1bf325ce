namespace Anna.Core.Prediction;

/// <summary>
/// What <see cref="AnomalyWatch"/> calls an anomaly: a series is anomalous once <see cref="Sustained"/> samples
/// in a row have a surprise of at least <see cref="RaiseAt"/>, and stays so until a sample's surprise falls
/// below <see cref="ClearBelow"/> (the gap keeps a series near the line from flapping). The rule and the
/// detector go together: a detector's surprise has its own scale. The first <see cref="WarmUp"/> samples of a
/// series are learned, never raised: a detector that has just met a series finds everything new.
/// </summary>
/// <param name="Name">How the replays and the note name it.</param>
/// <param name="NewDetector">A fresh detector for one series.</param>
public sealed record AnomalyRule(string Name, Func<ISurpriseDetector> NewDetector, int Sustained, double RaiseAt, double ClearBelow)
{
    /// <summary>Samples of a series learned before its surprise counts: 2.5 hours of samples 30 s apart.</summary>
    public int WarmUp { get; init; } = 300;

    /// <summary>
    /// The daemon's: the contextual detector (<see cref="ContextAnomalyDetector.RawScore"/>), two samples in a row
    /// at 0.9, cleared below 0.5. It learns which patterns a series repeats, so a series noisy in its usual way
    /// stays quiet. The two and the 0.9 were chosen by cross-validation on the Numenta Anomaly Benchmark among
    /// two to four samples at 0.9 or 0.95 (every fold of three splits chose these); 0.8 is not tried, because the
    /// detector then raises anomalies on plain white noise. Held out, the anomalies it raises score 37.2–38.8 there
    /// (48–50 of 116 windows) with 20–21 false ones; <see cref="Levels"/> scored −6.7 to −0.2 with 330–594 (bench: <c>replay nab-cv --detector cad</c>).
    /// </summary>
    public static AnomalyRule Contextual { get; } = new("contextual", () => new ContextAnomalyDetector(), 2, 0.9, 0.5);

    /// <summary>
    /// The earlier rule, kept for comparison: the median/MAD detector's <see cref="AnomalyDetector.Surprise"/>
    /// (a value far from its window's median), three samples at 0.9, cleared below 0.5.
    /// </summary>
    public static AnomalyRule Levels { get; } = new("levels", () => new AnomalyDetector(), 3, 0.9, 0.5);
}
