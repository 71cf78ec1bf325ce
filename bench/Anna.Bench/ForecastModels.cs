using System.Globalization;
using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>The models a forecast replay can run, by name, and the tuning overrides of Anna's options.</summary>
internal static class ForecastModels
{
    public const string Anna = "anna";
    public const string NodeExporter = "node-exporter";
    public const string Static = "static";

    public static IReadOnlyList<string> Names { get; } = [Anna, NodeExporter, Static];

    public static IForecastModel Create(string name, ForecastCase series, ExhaustionForecasterOptions? options = null) => name switch
    {
        Anna => new AnnaForecastModel(series.Metric, series.Critical, options),
        NodeExporter => new NodeExporterRule(series.Metric, series.Critical),
        Static => new StaticThresholdRule(series.Metric, series.Critical),
        _ => throw new ArgumentException($"--model: '{name}' is not one of {string.Join(", ", Names)}"),
    };

    /// <summary>
    /// Applies <c>Name=value</c> overrides to the forecaster's options, for tuning runs only (the
    /// replay of record uses the defaults).
    /// </summary>
    public static ExhaustionForecasterOptions Override(ExhaustionForecasterOptions options, string assignment)
    {
        var parts = assignment.Split('=', 2);
        if (parts.Length != 2)
            throw new ArgumentException($"--set: '{assignment}' is not Name=value");
        var value = parts[1];
        double D() => double.Parse(value, CultureInfo.InvariantCulture);
        int I() => int.Parse(value, CultureInfo.InvariantCulture);
        return parts[0] switch
        {
            nameof(ExhaustionForecasterOptions.HorizonsHours) => options with { HorizonsHours = [.. value.Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture))] },
            nameof(ExhaustionForecasterOptions.PointsPerHorizon) => options with { PointsPerHorizon = I() },
            nameof(ExhaustionForecasterOptions.HorizonCoverage) => options with { HorizonCoverage = D() },
            nameof(ExhaustionForecasterOptions.MinHistoryHours) => options with { MinHistoryHours = I() },
            nameof(ExhaustionForecasterOptions.EnvelopeHours) => options with { EnvelopeHours = I() },
            nameof(ExhaustionForecasterOptions.MaxEnvelopeHours) => options with { MaxEnvelopeHours = I() },
            nameof(ExhaustionForecasterOptions.ReportShortest) => options with { ReportShortest = bool.Parse(value) },
            nameof(ExhaustionForecasterOptions.AgreementWeight) => options with { AgreementWeight = D() },
            nameof(ExhaustionForecasterOptions.PeakDeviations) => options with { PeakDeviations = D() },
            nameof(ExhaustionForecasterOptions.DropShare) => options with { DropShare = D() },
            nameof(ExhaustionForecasterOptions.DropPeriodFactor) => options with { DropPeriodFactor = D() },
            nameof(ExhaustionForecasterOptions.HalfConfidenceSignificance) => options with { HalfConfidenceSignificance = D() },
            nameof(ExhaustionForecasterOptions.SpreadFloorShare) => options with { SpreadFloorShare = D() },
            nameof(ExhaustionForecasterOptions.MinConfidence) => options with { MinConfidence = D() },
            nameof(ExhaustionForecasterOptions.Persistence) => options with { Persistence = I() },
            nameof(ExhaustionForecasterOptions.Reforecast) => options with { Reforecast = D() },
            _ => throw new ArgumentException($"--set: '{parts[0]}' is not a forecaster option"),
        };
    }
}
