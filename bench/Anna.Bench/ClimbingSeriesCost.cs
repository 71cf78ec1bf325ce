using System.Diagnostics;
using System.Globalization;
using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// What the contextual detector costs on a series that keeps setting records: a disk filling steadily,
/// whose every new maximum beyond the range's margin widens the range and makes the detector relearn.
/// NAB's files rarely do this after their first samples; a host's disks do it all the time.
/// </summary>
internal static class ClimbingSeriesCost
{
    public static string Measure(int samples = 20_000)
    {
        var random = new Random(1);
        var detector = new ContextAnomalyDetector();
        var ticks = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var value = 20 + 60.0 * i / samples + 0.05 * (random.NextDouble() - 0.5);
            var start = Stopwatch.GetTimestamp();
            detector.Score(value);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"cad on a disk filling from 20 to 80 % over {samples} samples (a record every few samples): {new SampleCost(ticks).Format(AnomalyReplay.Budget)}; " +
            $"{(double)detector.RelearnedSteps / samples:F1} steps relearned a sample");
    }
}
