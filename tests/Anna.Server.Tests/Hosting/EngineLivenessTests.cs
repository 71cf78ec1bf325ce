using Anna.Server.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Server.Tests.Hosting;

public sealed class EngineLivenessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    [Fact]
    public void A_loop_waiting_for_work_or_busy_for_less_than_the_limit_is_alive()
    {
        var time = new FakeTimeProvider();
        var liveness = new EngineLiveness(time);
        Assert.Null(liveness.Stuck(Limit));

        using (liveness.Busy("a scan"))
        {
            time.Advance(TimeSpan.FromMinutes(29));
            Assert.Null(liveness.Stuck(Limit));
        }
        time.Advance(TimeSpan.FromHours(2));
        Assert.Null(liveness.Stuck(Limit));
    }

    [Fact]
    public void The_pass_busy_the_longest_past_the_limit_is_named_until_it_ends()
    {
        var time = new FakeTimeProvider();
        var liveness = new EngineLiveness(time);
        var hung = liveness.Busy("the state change of nginx.service");
        time.Advance(TimeSpan.FromMinutes(10));
        using var scan = liveness.Busy("a scan");
        time.Advance(TimeSpan.FromMinutes(21));

        Assert.Equal(("the state change of nginx.service", TimeSpan.FromMinutes(31)), liveness.Stuck(Limit));

        hung.Dispose();
        Assert.Null(liveness.Stuck(Limit));
    }
}
