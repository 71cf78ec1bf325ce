namespace Anna.Core.Prediction;

/// <summary>
/// One series' streaming detector as <see cref="AnomalyWatch"/> reads it: each sample is scored against the
/// past only, then learned, and its surprise in [0, 1] is how unlike that past it was — high for as long
/// as the series stays unlike it, unlike a detector's reported score, which may speak once per event.
/// </summary>
public interface ISurpriseDetector
{
    /// <summary>Scores <paramref name="value"/>, learns it, and returns its surprise in [0, 1].</summary>
    double Observe(double value);

    /// <summary>Bytes of the buffers this series holds; fixed for the detector's life.</summary>
    int BufferBytes { get; }
}
