using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// The labelled corpus: <c>count</c> series, the situations of <see cref="ForecastSituations"/> in turn,
/// 5-minute samples. Series i is drawn from its own generator seeded by (seed, i), so a corpus is
/// the same on every machine and a series does not change when the count does. A draw that does not
/// do what its situation promises (a positive that does not cross after 3 days of history, a negative
/// that crosses within its length plus 7 days) is drawn again; the labels themselves are never
/// written: the scorer finds every crossing in the values.
/// </summary>
internal static class ForecastCorpusGenerator
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int PerHour = 12;
    private const double MinHistoryHours = 72;
    private const double NegativeFutureHours = 7 * 24;
    private const int Attempts = 200;

    public static IReadOnlyList<ForecastCase> Generate(int seed, int count, ForecastGeneratorSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var situations = ForecastSituations.All;
        return [.. Enumerable.Range(0, count).Select(i => Draw(seed, i, situations[i % situations.Count], settings))];
    }

    private static ForecastCase Draw(int seed, int index, ForecastSituation situation, ForecastGeneratorSettings settings)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var process = situation.Draw(random, settings);
            var start = Epoch.AddDays(random.Next(60)).AddMinutes(5 * random.Next(PerHour * 24));
            var hours = process.LengthHours + (situation.Positive ? 0 : NegativeFutureHours);
            var values = Simulate(process, (int)(hours * PerHour), random);
            var timestamps = Enumerable.Range(0, values.Length).Select(i => start + i * Step).ToArray();
            var crossing = ForecastTruth.Crossing(process.Metric, process.Critical, timestamps, values);
            int length;
            if (situation.Positive)
            {
                if (crossing < MinHistoryHours * PerHour)
                    continue;
                // The series goes on for a while after the crossing (at least the three samples that make it one).
                length = Math.Min(values.Length, crossing + ForecastTruth.HeldSamples + random.Next(12 * PerHour));
            }
            else
            {
                if (crossing >= 0)
                    continue;
                length = (int)(process.LengthHours * PerHour);
            }
            var id = $"{index:D4}-{situation.Name}";
            return new ForecastCase(id, process.Metric, process.Critical, situation.Name, timestamps[..length], values[..length]);
        }
        throw new InvalidOperationException($"series {index} ({situation.Name}): no draw in {Attempts} did what the situation promises");
    }

    private static double[] Simulate(ForecastProcess process, int samples, Random random)
    {
        var values = new double[samples];
        if (process.Metric.IsCounter())
        {
            double total = 0;
            for (var i = 0; i < samples; i++)
            {
                total += Poisson(random, Math.Max(0, process.Level((double)i / PerHour)) / PerHour);
                values[i] = total;
            }
            return values;
        }
        // AR(1) noise with coefficient 0.8: the stationary standard deviation is Sigma.
        const double phi = 0.8;
        var innovation = process.Sigma * Math.Sqrt(1 - phi * phi);
        var noise = process.Sigma * Gaussian(random);
        var round = process.Metric == ForecastMetric.UnitMemoryBytes ? 0 : 3;
        for (var i = 0; i < samples; i++)
        {
            noise = phi * noise + innovation * Gaussian(random);
            var value = Math.Clamp(process.Level((double)i / PerHour) + noise, process.Min, process.Max);
            values[i] = Math.Round(value, round);
        }
        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // Knuth's method: the expected count per sample is small (a few at most).
    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            count++;
            p *= random.NextDouble();
        }
        return count;
    }
}
