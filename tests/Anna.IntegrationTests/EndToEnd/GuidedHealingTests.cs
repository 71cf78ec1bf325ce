using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>Anna in guided policy: a killed unit stays failed and a suggestion appears.</summary>
[Collection(SystemdCollection.Name)]
public sealed class GuidedHealingTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private AnnaAppFactory _anna = null!;
    private UnitDriver _units = null!;
    private AnnaClient _client = null!;

    public async Task InitializeAsync()
    {
        _units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await _units.ResetAllFailedAsync();
        _anna = new AnnaAppFactory(systemd.Sandbox.BusAddress, "[healing]\npolicy = \"guided\"\n");
        _client = new AnnaClient(_anna.CreateClient());
        await Eventually.HoldsAsync(() => _client.HealthAsync(),
            h => h.GetProperty("watching").TryGetProperty("systemd", out var s) && s.GetString() == "connected",
            "Anna to connect to the sandboxed systemd");
    }

    public async Task DisposeAsync()
    {
        await _anna.DisposeAsync();
        await _units.DisposeAsync();
    }

    [Fact]
    public async Task A_killed_unit_stays_failed_and_a_suggestion_is_recorded()
    {
        const string unit = "e2e-guided.service";
        var pid = await _units.StartSleeperAsync(unit);

        UnitDriver.Kill(pid);

        var row = Assert.Single(await Eventually.HoldsAsync(() => _client.HistoryForAsync(unit), rows => rows.Count > 0, "a suggestion"));
        Assert.Equal("suggested", row.GetProperty("outcome").GetString());
        Assert.Equal("suggest", row.GetProperty("decision").GetString());
        var health = await _client.HealthAsync();
        Assert.Equal("DEGRADED", health.GetProperty("state").GetString());
        var issue = Assert.Single(health.GetProperty("issues").EnumerateArray(), i => i.GetProperty("subject").GetString() == unit);
        Assert.Equal("restart_service", issue.GetProperty("recommendedAction").GetString());
        Assert.Equal("safe", issue.GetProperty("risk").GetString());
        Assert.False(issue.GetProperty("canAutoHeal").GetBoolean());
        await Task.Delay(1500); // give a wrongly-acting engine time to misbehave
        Assert.True((await _units.StatusAsync(unit)).IsFailed);
        await _units.StopAsync(unit);
    }
}
