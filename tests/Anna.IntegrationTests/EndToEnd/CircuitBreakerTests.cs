using System.Net.Http.Json;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// A real unit that dies right after every start: Anna restarts it at most max_failures times,
/// then the circuit breaker holds — and still holds after Anna restarts.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class CircuitBreakerTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private const string Unit = "e2e-crashloop.service";

    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 1
        scan_interval = 5

        [healing.circuit_breaker]
        max_failures = 2
        failure_window = 60
        """;

    private AnnaOnSandbox _anna = null!;

    public async Task InitializeAsync() => _anna = await AnnaOnSandbox.StartAsync(systemd, Policy);

    public async Task DisposeAsync()
    {
        await _anna.Units.StopAsync(Unit);
        await _anna.DisposeAsync();
    }

    [Fact]
    public async Task A_crash_looping_unit_gets_a_bounded_number_of_restarts_and_the_open_breaker_survives_a_restart()
    {
        // Lives 0.3 s, then fails: every restart Anna makes fails its settle check.
        await _anna.Units.InstallAndStartAsync(Unit, """
            [Unit]
            StartLimitIntervalSec=0

            [Service]
            ExecStart=/bin/sh -c 'sleep 0.3; exit 1'
            """);

        var breakers = await Eventually.HoldsAsync(() => BreakersAsync(_anna.Client),
            list => list.Any(b => b.GetProperty("subject").GetString() == Unit && b.GetProperty("state").GetString() == "open"),
            "the unit's circuit breaker to open", TimeSpan.FromSeconds(40));
        // One crash-looping unit must not stop the healing of every other unit.
        Assert.Contains(breakers, b => b.GetProperty("subject").GetString() == "*" && b.GetProperty("state").GetString() == "closed");
        await Task.Delay(TimeSpan.FromSeconds(7)); // more than a scan interval: nothing more may run
        var attempts = (await _anna.Client.HistoryForAsync(Unit)).Count(r => r.GetProperty("decision").GetString() == "execute");
        Assert.Equal(2, attempts);
        // The issue says Anna gave up, how the unit last failed, where to look and how to let Anna try again.
        var reason = await ReasonAsync(_anna.Client);
        Assert.StartsWith($"gave up after 2 tries: circuit breaker open for {Unit} until ", reason);
        Assert.Contains("; it last exited with status 1; ", reason);
        Assert.EndsWith($"; look at: journalctl -u {Unit} -n 50 --no-pager; once it is fixed: annactl breaker --reset {Unit}", reason);
        Assert.Equal(1, await _anna.Client.MetricAsync("anna_circuit_breaker_trips_total", "scope=\"subject\""));

        var state = _anna.Factory.HandOverState();
        await _anna.Factory.DisposeAsync();
        await using var restarted = new AnnaAppFactory(systemd.Sandbox.BusAddress, Policy, state);
        var client = new AnnaClient(restarted.CreateClient());

        var after = await BreakersAsync(client);
        Assert.Contains(after, b => b.GetProperty("subject").GetString() == Unit && b.GetProperty("state").GetString() == "open");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await client.HistoryForAsync(Unit)).Count(r => r.GetProperty("decision").GetString() == "execute"));
    }

    private static async Task<IReadOnlyList<System.Text.Json.JsonElement>> BreakersAsync(AnnaClient client) =>
        (await client.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/breaker")).EnumerateArray().ToList();

    private static async Task<string> ReasonAsync(AnnaClient client)
    {
        var health = await client.HealthAsync();
        var issue = health.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("subject").GetString() == Unit);
        return issue.GetProperty("reason").GetString()!;
    }
}
