namespace Anna.Core.Prediction;

/// <summary>
/// A series that has behaved unlike its own past for <see cref="Samples"/> samples in a row.
/// </summary>
/// <param name="Metric">The series' metric (<see cref="Anna.Core.Samples.SampleMetric"/>).</param>
/// <param name="Subject">What it measures: a mount point, a unit, "memory".</param>
/// <param name="Since">The first unusual sample of this run.</param>
/// <param name="LastAt">The newest sample.</param>
/// <param name="Value">The newest sample's value.</param>
/// <param name="Surprise">The newest sample's surprise in [0, 1], as the watch's detector says it (<see cref="ISurpriseDetector.Observe"/>).</param>
/// <param name="Samples">How many unusual samples in a row.</param>
/// <param name="MovedWith">Other series unusual at the same time, most surprising first: the likely cause or effect.</param>
public sealed record Anomaly(
    string Metric,
    string Subject,
    DateTimeOffset Since,
    DateTimeOffset LastAt,
    double Value,
    double Surprise,
    int Samples,
    IReadOnlyList<string> MovedWith);
