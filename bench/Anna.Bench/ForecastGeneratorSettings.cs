namespace Anna.Bench;

/// <summary>
/// Knobs of the corpus generator beyond its seed, for held-out runs whose series differ in kind from
/// the ones a model was tuned on: noise and daily-cycle amplitudes are multiplied by these.
/// </summary>
internal sealed record ForecastGeneratorSettings(double NoiseScale = 1, double CycleScale = 1)
{
    public static ForecastGeneratorSettings Default { get; } = new();
}
