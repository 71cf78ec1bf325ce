namespace Anna.Bench;

/// <summary>One kind of series in the corpus: its name, whether it is made to cross, and how one is drawn.</summary>
internal sealed record ForecastSituation(string Name, bool Positive, Func<Random, ForecastGeneratorSettings, ForecastProcess> Draw);
