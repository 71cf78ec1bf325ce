using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

public sealed class CounterRateTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_increase_over_the_trailing_hour_counts_a_reset_as_its_new_value()
    {
        var rate = new CounterRate();
        var results = new List<double>();
        // One restart every 5 minutes for two hours, then the counter resets to 0 and goes on.
        double counter = 100;
        for (var i = 0; i <= 24; i++)
        {
            counter = i == 18 ? 0 : counter + 1;
            results.Add(rate.Observe(Start.AddMinutes(5 * i), counter));
        }

        Assert.All(results[..12], r => Assert.True(double.IsNaN(r)));
        // Twelve 5-minute steps in an hour, one restart each; the reset (to 0) adds nothing that hour.
        Assert.Equal(12, results[12]);
        Assert.Equal(11, results[18]);
        Assert.Equal(11, results[24]);
    }

    [Fact]
    public void A_gap_of_more_than_an_hour_gives_no_rate_until_an_hour_is_seen_again()
    {
        var rate = new CounterRate();
        for (var i = 0; i <= 12; i++)
            rate.Observe(Start.AddMinutes(5 * i), i);
        Assert.True(double.IsNaN(rate.Observe(Start.AddHours(5), 20)));
    }

    [Theory]
    [InlineData(8, 2, 4)]   // 4 + 2·√4 = 8
    [InlineData(3, 2, 1)]   // 1 + 2·√1 = 3
    [InlineData(6, 0, 6)]   // no allowance: the mean itself
    public void The_mean_rate_at_critical_leaves_room_for_the_busiest_hour(double critical, double deviations, double mean) =>
        Assert.Equal(mean, ExhaustionForecaster.MeanRateAtCritical(critical, deviations), 9);
}
