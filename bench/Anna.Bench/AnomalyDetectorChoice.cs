using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// Which of Anna's anomaly detectors a replay runs (<c>--detector cad|anna</c>): <c>cad</c> is the contextual
/// <see cref="ContextAnomalyDetector"/>, the daemon's (the default), <c>anna</c> the median/MAD
/// <see cref="AnomalyDetector"/> the daemon ran before; both with their defaults, one fresh detector per file.
/// </summary>
internal static class AnomalyDetectorChoice
{
    public const string Anna = "anna";
    public const string Cad = "cad";

    public static string Parse(string? value) => value switch
    {
        null or Cad => Cad,
        Anna => Anna,
        _ => throw new ArgumentException($"--detector must be {Anna} or {Cad}, not '{value}'"),
    };

    public static string Describe(string name) => name == Cad
        ? "cad (contextual, learned range)"
        : "anna (median/MAD, value + difference)";

    /// <summary>A fresh detector's scoring function, and the bytes of the buffers it holds.</summary>
    public static (Func<double, double> Score, Func<int> BufferBytes) Create(string name)
    {
        if (name == Cad)
        {
            var cad = new ContextAnomalyDetector();
            return (cad.Score, () => cad.BufferBytes);
        }
        var anna = new AnomalyDetector();
        return (anna.Score, () => anna.BufferBytes);
    }
}
