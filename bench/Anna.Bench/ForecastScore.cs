namespace Anna.Bench;

/// <summary>A model's figures on a corpus, as issue §3 defines them (ratios in [0, 1]; NaN when undefined).</summary>
internal sealed record ForecastScore(
    int Series,
    int Positives,
    int Negatives,
    int Prevented,
    int FalseAlarms,
    double Accuracy,
    double FalsePositiveRate,
    double Prevention,
    TimeSpan? MedianLead,
    double MedianRelativeEtaError);
