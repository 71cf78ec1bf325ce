using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>Anna in guided policy: a killed unit stays failed and a suggestion appears.</summary>
[Collection(SystemdCollection.Name)]
public sealed class GuidedHealingTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private AnnaOnSandbox _anna = null!;

    private UnitDriver Units => _anna.Units;

    private AnnaClient Client => _anna.Client;

    public async Task InitializeAsync() => _anna = await AnnaOnSandbox.StartAsync(systemd, "[healing]\npolicy = \"guided\"\n");

    public async Task DisposeAsync() => await _anna.DisposeAsync();

    [Fact]
    public async Task A_killed_unit_stays_failed_and_a_suggestion_is_recorded()
    {
        const string unit = "e2e-guided.service";
        var pid = await Units.StartSleeperAsync(unit);

        UnitDriver.Kill(pid);

        var row = Assert.Single(await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit), rows => rows.Count > 0, "a suggestion"));
        Assert.Equal("suggested", row.GetProperty("outcome").GetString());
        Assert.Equal("suggest", row.GetProperty("decision").GetString());
        var health = await Client.HealthAsync();
        Assert.Equal("DEGRADED", health.GetProperty("state").GetString());
        var issue = Assert.Single(health.GetProperty("issues").EnumerateArray(), i => i.GetProperty("subject").GetString() == unit);
        Assert.Equal("restart_service", issue.GetProperty("recommendedAction").GetString());
        Assert.Equal("safe", issue.GetProperty("risk").GetString());
        Assert.False(issue.GetProperty("canAutoHeal").GetBoolean());
        await Task.Delay(1500); // give a wrongly-acting engine time to misbehave
        Assert.True((await Units.StatusAsync(unit)).IsFailed);
        await Units.StopAsync(unit);
    }
}
