using Anna.Dashboard.Live;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Dashboard.Tests;

public sealed class CoalescingRefreshTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_burst_refreshes_once_at_once_and_once_more_after_the_interval()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        using var refresh = new CoalescingRefresh(_ => { Interlocked.Increment(ref runs); return Task.CompletedTask; },
            ex => throw ex, Interval, time);

        refresh.Request();
        await WaitUntil(() => Volatile.Read(ref runs) == 1);
        for (var i = 0; i < 100; i++)
            refresh.Request();
        await Task.Delay(50); // time stands still: nothing more may run
        Assert.Equal(1, Volatile.Read(ref runs));

        time.Advance(Interval);
        await WaitUntil(() => Volatile.Read(ref runs) == 2);

        await WaitUntil(() => { time.Advance(Interval); return refresh.IsIdle; });
        Assert.Equal(2, Volatile.Read(ref runs)); // no request since: nothing more ran
    }

    [Fact]
    public async Task A_request_after_going_idle_refreshes_again_at_once()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        using var refresh = new CoalescingRefresh(_ => { Interlocked.Increment(ref runs); return Task.CompletedTask; },
            ex => throw ex, Interval, time);

        refresh.Request();
        await WaitUntil(() => { time.Advance(Interval); return refresh.IsIdle; });

        refresh.Request(); // time stands still from here: only an immediate refresh can count
        await WaitUntil(() => Volatile.Read(ref runs) == 2);
    }

    [Fact]
    public async Task A_failing_refresh_is_reported_and_does_not_stop_later_ones()
    {
        var time = new FakeTimeProvider();
        var runs = 0;
        var errors = 0;
        using var refresh = new CoalescingRefresh(
            _ => Interlocked.Increment(ref runs) == 1 ? throw new IOException("disk went away") : Task.CompletedTask,
            _ => Interlocked.Increment(ref errors), Interval, time);

        refresh.Request();
        await WaitUntil(() => Volatile.Read(ref errors) == 1);
        await WaitUntil(() => { time.Advance(Interval); return refresh.IsIdle; });

        refresh.Request();
        await WaitUntil(() => Volatile.Read(ref runs) == 2);
        Assert.Equal(1, Volatile.Read(ref errors));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(5);
        }
    }
}
