using Anna.Server.Notifications;

namespace Anna.Server.Tests.Notifications;

public sealed class FollowLogTests
{
    private sealed record Item(long Id, string Text);

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_follower_waiting_for_the_next_entry_gets_it_when_it_is_posted()
    {
        var log = new FollowLog<Item>(10);
        log.Post(id => new Item(id, "first"));

        var waiting = log.WaitAsync(1, log.Boot, TimeSpan.FromMinutes(1), None);
        Assert.False(waiting.IsCompleted);
        log.Post(id => new Item(id, "second"));
        var (latest, items) = await waiting;

        Assert.Equal(2, latest);
        Assert.Equal([new Item(2, "second")], items);
    }

    [Fact]
    public async Task A_follower_from_another_run_gets_this_runs_entries_from_the_start_at_once()
    {
        var log = new FollowLog<Item>(10);
        log.Post(id => new Item(id, "after the restart"));

        var (_, items) = await log.WaitAsync(57, Guid.NewGuid(), TimeSpan.FromMinutes(1), None);
        var (_, none) = await log.WaitAsync(0, Guid.NewGuid(), TimeSpan.FromMinutes(1), None);

        Assert.Equal([new Item(1, "after the restart")], items);
        Assert.Equal(items, none);
    }

    [Fact]
    public async Task Only_the_newest_entries_are_kept_and_nothing_posted_when_compose_says_null()
    {
        var log = new FollowLog<Item>(3);
        for (var i = 0; i < 5; i++)
            log.Post(id => new Item(id, $"#{id}"));
        log.Post(_ => null);

        var (latest, items) = await log.WaitAsync(0, log.Boot, TimeSpan.Zero, None);

        Assert.Equal(5, latest);
        Assert.Equal([3L, 4L, 5L], items.Select(i => i.Id));
    }
}
