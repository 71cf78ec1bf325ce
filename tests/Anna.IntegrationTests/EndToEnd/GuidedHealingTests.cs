using System.Net.Http.Json;
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

    [Fact]
    public async Task A_person_previews_then_heals_a_chosen_item()
    {
        const string unit = "e2e-guided-heal.service";
        var pid = await Units.StartSleeperAsync(unit);
        UnitDriver.Kill(pid);
        var listed = await Eventually.HoldsAsync(HealableAsync, l => l.Any(i => Subject(i) == unit), "the unit in the healable list");
        var index = listed.Single(i => Subject(i) == unit).GetProperty("index").GetInt32();

        var preview = await Client.PostAsync("/api/v1/auto-heal", new { items = new[] { index.ToString(System.Globalization.CultureInfo.InvariantCulture) }, dryRun = true });

        var planned = Assert.Single(preview.GetProperty("items").EnumerateArray());
        Assert.Equal("would run", planned.GetProperty("result").GetString());
        Assert.Equal("would_run", planned.GetProperty("outcome").GetString());
        Assert.Contains($"start {unit}", planned.GetProperty("wouldChange").GetString());
        await Task.Delay(500);
        Assert.True((await Units.StatusAsync(unit)).IsFailed, "a dry run changes nothing");

        var healed = await Client.PostAsync("/api/v1/auto-heal", new { items = new[] { $"failed_service:{unit}" }, dryRun = false });

        Assert.Equal("started", healed.GetProperty("items")[0].GetProperty("result").GetString());
        Assert.Equal("started", healed.GetProperty("items")[0].GetProperty("outcome").GetString());
        await Eventually.HoldsAsync(() => Units.StatusAsync(unit), s => s.IsActive && s.MainPid > 0 && s.MainPid != pid, "the requested restart");
        var rows = await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit),
            r => r.Any(e => e.GetProperty("outcome").GetString() == "success"), "a success row");
        Assert.Equal("explicit", rows.First(e => e.GetProperty("outcome").GetString() == "success").GetProperty("consent").GetString());
        await Units.StopAsync(unit);
    }

    private async Task<IReadOnlyList<System.Text.Json.JsonElement>> HealableAsync() =>
        (await Client.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/healing/list")).EnumerateArray().ToList();

    private static string? Subject(System.Text.Json.JsonElement item) => item.GetProperty("issue").GetProperty("subject").GetString();
}
