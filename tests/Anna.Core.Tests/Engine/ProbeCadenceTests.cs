using Anna.Core.Engine;
using Anna.Core.Policy;

namespace Anna.Core.Tests.Engine;

public sealed class ProbeCadenceTests
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly ProbeRateOptions Rates = new() { FastestSeconds = 10, SlowestSeconds = 3600 };

    [Fact]
    public void An_open_problem_quadruples_the_rate_within_the_fastest_bound()
    {
        var cadence = ProbeCadence.Of(FiveMinutes, "low_disk:/var", TimeSpan.Zero, Rates);
        Assert.Equal(TimeSpan.FromSeconds(75), cadence.Interval);
        Assert.Equal("faster while low_disk:/var is open", cadence.Reason);

        Assert.Equal(TimeSpan.FromSeconds(10), ProbeCadence.Of(TimeSpan.FromSeconds(30), "x:y", TimeSpan.Zero, Rates).Interval);
        // A probe already faster than the bound is not slowed down by it.
        Assert.Equal(TimeSpan.FromSeconds(5), ProbeCadence.Of(TimeSpan.FromSeconds(5), "x:y", TimeSpan.Zero, Rates).Interval);
    }

    [Fact]
    public void A_machine_well_for_a_day_halves_the_rate_within_the_slowest_bound()
    {
        Assert.Equal(FiveMinutes, ProbeCadence.Of(FiveMinutes, null, TimeSpan.FromHours(23), Rates).Interval);
        var cadence = ProbeCadence.Of(FiveMinutes, null, TimeSpan.FromDays(3), Rates);
        Assert.Equal(TimeSpan.FromMinutes(10), cadence.Interval);
        Assert.Equal("slower: no warning for 3 days", cadence.Reason);

        Assert.Equal(TimeSpan.FromHours(1), ProbeCadence.Of(TimeSpan.FromMinutes(45), null, TimeSpan.FromDays(1), Rates).Interval);
        // A probe configured slower than the bound keeps its own interval.
        Assert.Equal(TimeSpan.FromHours(2), ProbeCadence.Of(TimeSpan.FromHours(2), null, TimeSpan.FromDays(9), Rates).Interval);
    }

    [Fact]
    public void Without_an_open_problem_or_a_long_calm_the_probe_runs_as_configured()
    {
        var cadence = ProbeCadence.Of(FiveMinutes, null, TimeSpan.FromMinutes(1), Rates);
        Assert.Equal(new ProbeCadence(FiveMinutes, "as configured"), cadence);
        // A clock set back makes "well for" negative: nothing changes.
        Assert.Equal(FiveMinutes, ProbeCadence.Of(FiveMinutes, null, TimeSpan.FromDays(-1), Rates).Interval);
    }
}
