using Anna.Dashboard.Components.Approvals;

namespace Anna.Dashboard.Tests;

public sealed class ExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(24 * 3600, "expires in 24 h 0 min")]
    [InlineData(23 * 3600 + 12 * 60 + 59, "expires in 23 h 12 min")] // rounded down: never promises more time
    [InlineData(12 * 60 + 30, "expires in 12 min")]
    [InlineData(59, "expires in less than a minute")]
    [InlineData(0, "expired")]
    [InlineData(-3600, "expired")]
    public void Says_how_long_is_left_in_whole_minutes(int secondsLeft, string expected) =>
        Assert.Equal(expected, Expiry.Text(Now.AddSeconds(secondsLeft), Now));
}
