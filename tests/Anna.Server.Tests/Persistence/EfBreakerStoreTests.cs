using Anna.Core.Breaker;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

public sealed class EfBreakerStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static BreakerRecord Open(string subject = "nginx.service") => new(
        subject,
        BreakerState.Open,
        [T0, T0.AddSeconds(30), T0.AddMinutes(1).AddMilliseconds(7)],
        T0.AddMinutes(1).AddMilliseconds(7),
        Trips: 2);

    [Fact]
    public async Task Nothing_saved_loads_nothing()
    {
        await using var temp = await TempStore.CreateAsync();

        Assert.Empty(await temp.Breakers.LoadAllAsync(None));
    }

    [Fact]
    public async Task Save_round_trips_every_field()
    {
        await using var temp = await TempStore.CreateAsync();
        // A non-UTC offset: stored as an instant, read back in UTC.
        var at = new DateTimeOffset(2026, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2));
        var record = new BreakerRecord("nginx.service", BreakerState.HalfOpen, [at, at.AddSeconds(5)], at.AddSeconds(5), 3);

        await temp.Breakers.SaveAsync(record, None);

        var stored = Assert.Single(await temp.Breakers.LoadAllAsync(None));
        Assert.Equal("nginx.service", stored.Subject);
        Assert.Equal(BreakerState.HalfOpen, stored.State);
        Assert.Equal([at, at.AddSeconds(5)], stored.Failures);
        Assert.All(stored.Failures, f => Assert.Equal(TimeSpan.Zero, f.Offset));
        Assert.Equal(at.AddSeconds(5), stored.OpenedAt);
        Assert.Equal(3, stored.Trips);
    }

    [Fact]
    public async Task A_breaker_that_never_opened_round_trips()
    {
        await using var temp = await TempStore.CreateAsync();
        var record = new BreakerRecord(BreakerRecord.Global, BreakerState.Closed, [], null, 0);

        await temp.Breakers.SaveAsync(record, None);

        var stored = Assert.Single(await temp.Breakers.LoadAllAsync(None));
        Assert.Equal(BreakerRecord.Global, stored.Subject);
        Assert.Equal(BreakerState.Closed, stored.State);
        Assert.Empty(stored.Failures);
        Assert.Null(stored.OpenedAt);
        Assert.Equal(0, stored.Trips);
    }

    [Fact]
    public async Task Saving_a_subject_again_replaces_its_record()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Breakers.SaveAsync(Open(), None);
        await temp.Breakers.SaveAsync(Open("other.service"), None);

        await temp.Breakers.SaveAsync(new BreakerRecord("nginx.service", BreakerState.Closed, [], null, 2), None);

        var all = await temp.Breakers.LoadAllAsync(None);
        Assert.Equal(["nginx.service", "other.service"], all.Select(b => b.Subject));
        Assert.Equal(BreakerState.Closed, all[0].State);
        Assert.Empty(all[0].Failures);
        Assert.Null(all[0].OpenedAt);
        Assert.Equal(BreakerState.Open, all[1].State);
    }

    [Fact]
    public async Task Stored_as_snake_case_state_and_a_json_array_of_unix_milliseconds()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Breakers.SaveAsync(new BreakerRecord("nginx.service", BreakerState.HalfOpen, [T0, T0.AddSeconds(1)], T0, 1), None);

        using var connection = temp.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, failures, opened_at, trips FROM breakers";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("half_open", reader.GetString(0));
        var ms = T0.ToUnixTimeMilliseconds();
        Assert.Equal($"[{ms},{ms + 1000}]", reader.GetString(1));
        Assert.Equal(ms, reader.GetInt64(2));
        Assert.Equal(1, reader.GetInt32(3));
    }

    [Fact]
    public async Task Breakers_survive_a_restart()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Breakers.SaveAsync(Open(), None);
        await temp.Breakers.SaveAsync(new BreakerRecord(BreakerRecord.Global, BreakerState.Closed, [T0], null, 0), None);

        await using var restarted = await temp.RestartAsync();
        var all = await restarted.GetRequiredService<IBreakerStore>().LoadAllAsync(None);

        Assert.Equal([BreakerRecord.Global, "nginx.service"], all.Select(b => b.Subject));
        var open = all[1];
        Assert.Equal(BreakerState.Open, open.State);
        Assert.Equal(Open().Failures, open.Failures);
        Assert.Equal(Open().OpenedAt, open.OpenedAt);
        Assert.Equal(2, open.Trips);
        Assert.Equal([T0], all[0].Failures);
    }
}
