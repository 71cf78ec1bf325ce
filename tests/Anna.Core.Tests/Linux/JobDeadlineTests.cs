using Anna.Core.Linux.Systemd;

namespace Anna.Core.Tests.Linux;

public sealed class JobDeadlineTests
{
    private static readonly TimeSpan Fallback = TimeSpan.FromMinutes(3);

    [Theory]
    // systemd's defaults (90 s each): a start that times out is stopped, a stop may wait twice.
    [InlineData("StartUnit", 90, 90, 280)]
    [InlineData("StopUnit", 90, 90, 190)]
    [InlineData("RestartUnit", 90, 90, 460)]
    // A slow database: waited for as long as the unit itself allows, not the fallback's 3 min.
    [InlineData("StartUnit", 600, 30, 670)]
    // A quick unit is given up on quickly.
    [InlineData("StopUnit", 90, 5, 20)]
    // Past the ceiling, the ceiling.
    [InlineData("StartUnit", 3600, 90, 900)]
    public void Follows_the_units_own_timeouts(string method, int startSeconds, int stopSeconds, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds),
            JobDeadline.For(method, TimeSpan.FromSeconds(startSeconds), TimeSpan.FromSeconds(stopSeconds), Fallback));

    [Fact]
    public void An_infinite_or_unknown_timeout_the_job_involves_gets_the_fallback()
    {
        // A oneshot unit's start timeout is infinite by default.
        Assert.Equal(Fallback, JobDeadline.For("StartUnit", null, TimeSpan.FromSeconds(90), Fallback));
        Assert.Equal(Fallback, JobDeadline.For("RestartUnit", TimeSpan.FromSeconds(90), null, Fallback));
        Assert.Equal(Fallback, JobDeadline.For("ReloadUnit", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), Fallback));
        // A stop does not involve the start timeout.
        Assert.Equal(TimeSpan.FromSeconds(20), JobDeadline.For("StopUnit", null, TimeSpan.FromSeconds(5), Fallback));
        Assert.Equal(JobDeadline.Ceiling, JobDeadline.For("StartUnit", null, null, TimeSpan.FromHours(2)));
    }

    [Theory]
    [InlineData(0UL, null)]
    [InlineData(ulong.MaxValue, null)]
    [InlineData(90_000_000UL, 90.0)]
    [InlineData(1_500_000UL, 1.5)]
    [InlineData(ulong.MaxValue - 1, 900.0)]
    public void Reads_systemds_microseconds(ulong microseconds, double? seconds) =>
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, JobDeadline.FromMicroseconds(microseconds));
}
