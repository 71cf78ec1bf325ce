using Anna.Core.Engine;
using Anna.Core.Sessions;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

public sealed class EfSessionStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static HealingSessionRecord Started(DateTimeOffset at, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        Trigger = SessionTrigger.Signal,
        StartedAt = at,
        StateBefore = SystemState.Degraded,
    };

    [Fact]
    public async Task Save_round_trips_every_field()
    {
        await using var temp = await TempStore.CreateAsync();
        var session = new HealingSessionRecord
        {
            Id = Guid.NewGuid(),
            Trigger = SessionTrigger.Approval,
            // A non-UTC offset: stored as an instant, read back in UTC.
            StartedAt = new DateTimeOffset(2026, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)),
            FinishedAt = new DateTimeOffset(2026, 3, 1, 14, 0, 2, 456, TimeSpan.FromHours(2)),
            StateBefore = SystemState.Critical,
            StateAfter = SystemState.Healthy,
            IssuesSeen = 7,
            Executed = 6,
            Succeeded = 5,
            Failed = 1,
            Suggested = 4,
            Queued = 3,
            OverBudget = 2,
        };

        await temp.Sessions.SaveAsync(session, None);

        var stored = Assert.Single(await temp.Sessions.ListAsync(1, 10, None));
        Assert.Equal(session with
        {
            StartedAt = session.StartedAt.ToUniversalTime(),
            FinishedAt = session.FinishedAt!.Value.ToUniversalTime(),
        }, stored);
        Assert.Equal(session.StartedAt, stored.StartedAt);
    }

    [Fact]
    public async Task An_unfinished_session_round_trips()
    {
        await using var temp = await TempStore.CreateAsync();
        var session = Started(T0);

        await temp.Sessions.SaveAsync(session, None);

        var stored = Assert.Single(await temp.Sessions.ListAsync(1, 10, None));
        Assert.Equal(session, stored);
        Assert.Null(stored.FinishedAt);
        Assert.Null(stored.StateAfter);
    }

    [Fact]
    public async Task Saving_at_the_end_replaces_the_start()
    {
        await using var temp = await TempStore.CreateAsync();
        var start = Started(T0);
        await temp.Sessions.SaveAsync(start, None);
        var other = Started(T0.AddMinutes(-1));
        await temp.Sessions.SaveAsync(other, None);

        var end = start with { FinishedAt = T0.AddSeconds(3), StateAfter = SystemState.Healthy, IssuesSeen = 1, Executed = 1, Succeeded = 1 };
        await temp.Sessions.SaveAsync(end, None);

        Assert.Equal([end, other], await temp.Sessions.ListAsync(1, 10, None));
    }

    [Fact]
    public async Task Enums_are_stored_as_snake_case_names()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Sessions.SaveAsync(Started(T0) with { Trigger = SessionTrigger.User, StateAfter = SystemState.Healthy }, None);

        using var connection = temp.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT trigger, state_before, state_after, started_at FROM healing_sessions";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("user", reader.GetString(0));
        Assert.Equal("degraded", reader.GetString(1));
        Assert.Equal("healthy", reader.GetString(2));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), reader.GetInt64(3));
    }

    [Fact]
    public async Task List_pages_newest_first()
    {
        await using var temp = await TempStore.CreateAsync();
        // Saved out of order, so the order must come from started_at.
        int[] minutes = [3, 0, 4, 1, 2];
        var byMinute = new Dictionary<int, Guid>();
        foreach (var minute in minutes)
        {
            var session = Started(T0.AddMinutes(minute));
            byMinute[minute] = session.Id;
            await temp.Sessions.SaveAsync(session, None);
        }

        var first = await temp.Sessions.ListAsync(1, 2, None);
        var second = await temp.Sessions.ListAsync(2, 2, None);
        var third = await temp.Sessions.ListAsync(3, 2, None);
        var beyond = await temp.Sessions.ListAsync(4, 2, None);

        Assert.Equal([byMinute[4], byMinute[3]], first.Select(s => s.Id));
        Assert.Equal([byMinute[2], byMinute[1]], second.Select(s => s.Id));
        Assert.Equal([byMinute[0]], third.Select(s => s.Id));
        Assert.Empty(beyond);
    }

    [Theory]
    [InlineData(0, 2, 2)]
    [InlineData(-3, 2, 2)]
    [InlineData(1, 0, 1)]
    [InlineData(1, -5, 1)]
    public async Task List_takes_page_below_one_as_the_first_and_size_below_one_as_one(int page, int pageSize, int expectedCount)
    {
        await using var temp = await TempStore.CreateAsync();
        for (var minute = 0; minute < 3; minute++)
        {
            await temp.Sessions.SaveAsync(Started(T0.AddMinutes(minute)), None);
        }

        var result = await temp.Sessions.ListAsync(page, pageSize, None);

        Assert.Equal(expectedCount, result.Count);
        Assert.Equal(T0.AddMinutes(2), result[0].StartedAt);
    }

    [Fact]
    public async Task List_caps_the_page_size_at_500()
    {
        await using var temp = await TempStore.CreateAsync();
        for (var minute = 0; minute < 501; minute++)
        {
            await temp.Sessions.SaveAsync(Started(T0.AddMinutes(minute)), None);
        }

        var first = await temp.Sessions.ListAsync(1, 1000, None);
        var second = await temp.Sessions.ListAsync(2, 1000, None);

        Assert.Equal(500, first.Count);
        Assert.Equal(T0.AddMinutes(500), first[0].StartedAt);
        Assert.Equal(T0, Assert.Single(second).StartedAt);
    }
}
