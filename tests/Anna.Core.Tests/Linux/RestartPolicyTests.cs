using Anna.Core.Linux.Systemd;

namespace Anna.Core.Tests.Linux;

public sealed class RestartPolicyTests
{
    [Theory]
    [InlineData("always", "signal", true)]
    [InlineData("always", "success", true)]
    [InlineData("no", "signal", false)]
    [InlineData("on-failure", "exit-code", true)]
    [InlineData("on-failure", "success", false)]
    [InlineData("on-success", "signal", false)]
    [InlineData("on-abnormal", "exit-code", false)]
    [InlineData("on-abnormal", "core-dump", true)]
    [InlineData("on-abort", "timeout", false)]
    [InlineData("on-watchdog", "watchdog", true)]
    public void Covers_follows_the_systemd_service_table(string restart, string result, bool covered)
    {
        Assert.Equal(covered, RestartPolicy.Covers(restart, result));
    }

    [Fact]
    public void A_failed_unit_whose_restart_policy_covers_its_result_hit_the_start_limit()
    {
        var gaveUp = Status("failed", "signal", "always");
        var plainFailure = Status("failed", "signal", "no");

        Assert.True(gaveUp.HitStartLimit);
        Assert.False(plainFailure.HitStartLimit);
        Assert.True(Status("failed", "start-limit-hit", "no").HitStartLimit);
    }

    private static UnitStatus Status(string active, string result, string restart) =>
        new(UnitName.Parse("x.service"), "loaded", active, active, result, 0, 0, restart, "x");
}
