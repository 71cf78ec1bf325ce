using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>The production <see cref="ExhaustionForecaster"/> (its defaults unless options are given for tuning).</summary>
internal sealed class AnnaForecastModel(ForecastMetric metric, double critical, ExhaustionForecasterOptions? options = null) : IForecastModel
{
    public ExhaustionForecaster Forecaster { get; } = new(metric, critical, options);

    public ForecastAlert? Observe(DateTime timestamp, double value) =>
        Forecaster.Observe(timestamp, value) is { } f ? new ForecastAlert(f.At, f.Eta, f.Confidence) : null;
}
