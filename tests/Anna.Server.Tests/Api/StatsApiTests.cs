using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.History;
using Anna.Core.Vocabulary;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Api;

/// <summary>GET /api/v1/stats counts what the store holds, as the Stats page does.</summary>
public sealed class StatsApiTests : IAsyncLifetime
{
    private readonly NoSystemdAppFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Heals_successes_rollbacks_and_common_issues_are_counted_from_history()
    {
        using var client = _factory.CreateClient();
        var store = _factory.Services.GetRequiredService<IHistoryStore>();
        var now = DateTimeOffset.UtcNow;
        await store.AppendAsync(Restart(now.AddHours(-3), ActionOutcome.Success, subject: "a.service"), CancellationToken.None);
        await store.AppendAsync(Restart(now.AddHours(-2), ActionOutcome.Success, subject: "b.service"), CancellationToken.None);
        await store.AppendAsync(Restart(now.AddHours(-1), ActionOutcome.RolledBack, subject: "c.service"), CancellationToken.None);
        await store.AppendAsync(Restart(now.AddMinutes(-5), ActionOutcome.Suggested, subject: "d.service"), CancellationToken.None);

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/stats");

        Assert.Equal(3, stats.GetProperty("heals").GetInt32()); // a suggestion is no heal
        Assert.Equal(2, stats.GetProperty("successes").GetInt32());
        Assert.Equal(1, stats.GetProperty("rolledBack").GetInt32());
        Assert.Equal(2.0 / 3, stats.GetProperty("successRate").GetDouble(), 6);
        Assert.Equal(4, stats.GetProperty("historyEntries").GetInt64());
        Assert.Contains(stats.GetProperty("outcomes").EnumerateArray(), o => o.GetProperty("name").GetString() == "rolled_back" && o.GetProperty("count").GetInt32() == 1);
        Assert.NotEmpty(stats.GetProperty("commonIssues").EnumerateArray());
    }
}
