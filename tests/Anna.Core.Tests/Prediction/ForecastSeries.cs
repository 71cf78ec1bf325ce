using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

/// <summary>Generated series for the forecaster's tests: 5-minute samples from a fixed start, seeded noise.</summary>
internal static class ForecastSeries
{
    public static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
    public const int PerHour = 12;
    public const int PerDay = 288;

    public static DateTime Time(int i) => Start.AddMinutes(5 * i);

    public static double Hours(int i) => i / (double)PerHour;

    /// <summary>A value per sample from a function of the hour, plus Gaussian noise of <paramref name="sigma"/>.</summary>
    public static double[] Make(int samples, Func<double, double> level, double sigma, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, samples).Select(i => level(Hours(i)) + sigma * Gaussian(random))];
    }

    /// <summary>A restart counter: restarts arrive as a Poisson process whose rate (per hour) is a function of the hour.</summary>
    public static double[] Counter(int samples, Func<double, double> ratePerHour, int seed)
    {
        var random = new Random(seed);
        var values = new double[samples];
        double total = 0;
        for (var i = 0; i < samples; i++)
        {
            var expected = ratePerHour(Hours(i)) / PerHour;
            // Knuth's Poisson draw; the expected count per 5 minutes is small.
            var limit = Math.Exp(-expected);
            var p = random.NextDouble();
            while (p > limit)
            {
                total++;
                p *= random.NextDouble();
            }
            values[i] = total;
        }
        return values;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Every alert the forecaster raises over the series, with the sample index it came at.</summary>
    public static List<(int Index, ExhaustionForecast Forecast)> Alerts(ForecastMetric metric, double critical, IReadOnlyList<double> values, ExhaustionForecasterOptions? options = null)
    {
        var forecaster = new ExhaustionForecaster(metric, critical, options);
        var alerts = new List<(int, ExhaustionForecast)>();
        for (var i = 0; i < values.Count; i++)
            if (forecaster.Observe(Time(i), values[i]) is { } forecast)
                alerts.Add((i, forecast));
        return alerts;
    }

    /// <summary>The first sample index of the first run of three at or beyond critical, or -1.</summary>
    public static int Crossing(IReadOnlyList<double> values, double critical, bool falling = false)
    {
        var run = 0;
        for (var i = 0; i < values.Count; i++)
        {
            run = (falling ? values[i] <= critical : values[i] >= critical) ? run + 1 : 0;
            if (run == 3)
                return i - 2;
        }
        return -1;
    }
}
