using Anna.Core.Prediction;

namespace Anna.Bench;

/// <summary>
/// When a series crossed its critical value, as the scorer defines it: the first of three samples in
/// a row at or beyond critical (at or below for memory available). For a restart counter the value
/// compared is its increase over the trailing hour (from the latest sample at least an hour older; a
/// counter that goes down was reset and its new value is the increase), undefined in the first hour.
/// </summary>
internal static class ForecastTruth
{
    public const int HeldSamples = 3;

    /// <summary>The index of the sample where the crossing starts, or -1 when the series never crosses.</summary>
    public static int Crossing(ForecastMetric metric, double critical, IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values)
    {
        var levels = metric.IsCounter() ? HourlyIncrease(timestamps, values) : values;
        var falling = metric.FallsToCritical();
        var run = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            var v = levels[i];
            var beyond = !double.IsNaN(v) && (falling ? v <= critical : v >= critical);
            run = beyond ? run + 1 : 0;
            if (run == HeldSamples)
                return i - HeldSamples + 1;
        }
        return -1;
    }

    /// <summary>A counter's increase over the trailing hour at each sample (NaN until an hour has passed).</summary>
    public static double[] HourlyIncrease(IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> values)
    {
        var totals = new double[values.Count];
        for (var i = 1; i < values.Count; i++)
            totals[i] = totals[i - 1] + (values[i] >= values[i - 1] ? values[i] - values[i - 1] : Math.Max(values[i], 0));
        var rates = new double[values.Count];
        var back = -1;
        for (var i = 0; i < values.Count; i++)
        {
            var hourAgo = timestamps[i].AddHours(-1);
            while (back + 1 < i && timestamps[back + 1] <= hourAgo)
                back++;
            rates[i] = back >= 0 && timestamps[back] <= hourAgo ? totals[i] - totals[back] : double.NaN;
        }
        return rates;
    }
}
