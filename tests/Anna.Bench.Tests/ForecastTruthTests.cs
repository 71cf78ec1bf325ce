using Anna.Core.Prediction;

namespace Anna.Bench.Tests;

public sealed class ForecastTruthTests
{
    private static readonly DateTime Start = new(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime[] Times(int count, double minutes = 5) => [.. Enumerable.Range(0, count).Select(i => Start.AddMinutes(minutes * i))];

    [Fact]
    public void A_crossing_is_the_first_of_three_samples_in_a_row_at_or_above_critical()
    {
        double[] values = [80, 90, 95, 85, 90, 90, 91, 70];
        Assert.Equal(4, ForecastTruth.Crossing(ForecastMetric.DiskUsedPercent, 90, Times(values.Length), values));
        Assert.Equal(-1, ForecastTruth.Crossing(ForecastMetric.DiskUsedPercent, 90, Times(6), values[..6]));
    }

    [Fact]
    public void Memory_available_crosses_going_down()
    {
        double[] values = [30, 9, 8, 12, 10, 9, 10];
        Assert.Equal(4, ForecastTruth.Crossing(ForecastMetric.MemoryAvailablePercent, 10, Times(values.Length), values));
    }

    [Fact]
    public void A_restart_counter_is_compared_as_its_increase_over_the_trailing_hour()
    {
        // Samples every 30 minutes: the increase at i is counter[i] − counter[i − 2].
        double[] counter = [0, 1, 2, 4, 7, 10, 13, 14];
        var rates = ForecastTruth.HourlyIncrease(Times(counter.Length, 30), counter);

        Assert.True(double.IsNaN(rates[0]) && double.IsNaN(rates[1]));
        Assert.Equal([2, 3, 5, 6, 6, 4], rates[2..]);
        // 5, 6, 6 at indexes 4..6 are the first three in a row at 5 or more.
        Assert.Equal(4, ForecastTruth.Crossing(ForecastMetric.UnitRestartsTotal, 5, Times(counter.Length, 30), counter));
    }

    [Fact]
    public void A_counter_that_goes_down_was_reset_and_its_new_value_is_the_increase()
    {
        double[] counter = [10, 12, 2, 5];
        var rates = ForecastTruth.HourlyIncrease(Times(counter.Length, 60), counter);

        Assert.Equal([2, 2, 3], rates[1..]);
    }
}
