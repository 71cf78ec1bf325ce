using Anna.Core.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

public sealed class EfHealingSwitchStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static (string Value, string ChangedBy, long ChangedAt)? Row(TempStore temp)
    {
        using var connection = temp.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value, changed_by, changed_at FROM settings WHERE key = 'healing_enabled'";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1), reader.GetInt64(2)) : null;
    }

    [Fact]
    public async Task Healing_is_enabled_when_nobody_ever_switched_it()
    {
        await using var temp = await TempStore.CreateAsync();

        Assert.True(await temp.Switch.IsEnabledAsync(None));
        Assert.Null(Row(temp));
    }

    [Fact]
    public async Task Switching_records_the_value_who_and_when()
    {
        var clock = new FakeTimeProvider(T0);
        await using var temp = await TempStore.CreateAsync(s => s.AddSingleton<TimeProvider>(clock));

        await temp.Switch.SetEnabledAsync(false, "alice", None);
        Assert.False(await temp.Switch.IsEnabledAsync(None));
        Assert.Equal(("false", "alice", T0.ToUnixTimeMilliseconds()), Row(temp));

        clock.Advance(TimeSpan.FromMinutes(5));
        await temp.Switch.SetEnabledAsync(true, "bob", None);
        Assert.True(await temp.Switch.IsEnabledAsync(None));
        Assert.Equal(("true", "bob", T0.AddMinutes(5).ToUnixTimeMilliseconds()), Row(temp));
    }

    [Fact]
    public async Task Disabled_survives_a_restart()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Switch.SetEnabledAsync(false, "alice", None);

        await using var restarted = await temp.RestartAsync();

        Assert.False(await restarted.GetRequiredService<IHealingSwitchStore>().IsEnabledAsync(None));
    }

    [Fact]
    public async Task A_value_that_is_neither_true_nor_false_is_refused()
    {
        await using var temp = await TempStore.CreateAsync();
        using (var connection = temp.OpenRaw())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO settings (key, value, changed_by, changed_at) VALUES ('healing_enabled', 'maybe', 'vi', 0)";
            insert.ExecuteNonQuery();
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => temp.Switch.IsEnabledAsync(None));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task Switching_needs_someone_to_name(string by)
    {
        await using var temp = await TempStore.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Switch.SetEnabledAsync(false, by, None));
        Assert.True(await temp.Switch.IsEnabledAsync(None));
    }

    [Fact]
    public async Task Concurrent_switches_leave_one_whole_row()
    {
        await using var temp = await TempStore.CreateAsync();

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 20)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                await temp.Switch.SetEnabledAsync(i % 2 == 0, $"user{i}", None);
            }))
            .ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        var row = Assert.NotNull(Row(temp));
        var writer = int.Parse(row.ChangedBy["user".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(writer % 2 == 0 ? "true" : "false", row.Value);
    }
}
