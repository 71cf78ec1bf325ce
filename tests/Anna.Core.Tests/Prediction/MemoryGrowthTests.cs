using Anna.Core.Prediction;

namespace Anna.Core.Tests.Prediction;

/// <summary>How fast a unit without a limit grows: hourly means, a robust slope, nothing before six hours.</summary>
public sealed class MemoryGrowthTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static double? Slope(MemoryGrowth growth, DateTimeOffset now) => growth.SlopePerHour(now, new double[MemoryGrowth.ScratchLength]);

    private static MemoryGrowth Fed(int hours, Func<double, double> bytes)
    {
        var growth = new MemoryGrowth();
        for (var i = 0; i < hours * 12; i++)
            growth.Observe(Start.AddMinutes(5 * i), bytes(i / 12.0));
        return growth;
    }

    [Fact]
    public void The_slope_is_the_growth_an_hour_through_a_garbage_collectors_saw()
    {
        var random = new Random(3);
        var growth = Fed(20, h => 5e8 + 4e7 * h + 2e7 * (h * 4 % 1) + 5e6 * random.NextDouble());

        Assert.InRange(Slope(growth, Start.AddHours(20))!.Value, 3.8e7, 4.2e7);
    }

    [Fact]
    public void One_restart_that_drops_the_unit_back_does_not_turn_the_slope()
    {
        // Growing 40 MB an hour; restarted at hour 16 and growing again from where it started.
        var growth = Fed(20, h => h < 16 ? 5e8 + 4e7 * h : 5e8 + 4e7 * (h - 16));

        Assert.True(Slope(growth, Start.AddHours(20)) > 0);
    }

    [Fact]
    public void Flat_memory_has_no_growth_and_too_few_hours_have_no_slope()
    {
        Assert.Equal(0, Slope(Fed(20, _ => 7e8), Start.AddHours(20)));
        Assert.Null(Slope(Fed(5, h => 5e8 + 4e7 * h), Start.AddHours(5)));
    }

    [Fact]
    public void Hours_older_than_the_window_no_longer_count()
    {
        var growth = Fed(10, h => 5e8 + 4e7 * h);

        Assert.NotNull(Slope(growth, Start.AddHours(10)));
        Assert.Null(Slope(growth, Start.AddHours(20))); // stopped ten hours ago: four of its hours are still in the window
    }
}
