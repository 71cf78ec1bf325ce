using System.Net.Http.Json;
using System.Text.Json;
using Anna.IntegrationTests.Browser;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Xunit.Abstractions;

namespace Anna.IntegrationTests.Metrics;

/// <summary>
/// A real Prometheus scrapes a real Anna on the sandboxed systemd while it heals one unit, fails
/// to heal another (its fix is rolled back and its breaker trips) and a person undoes the heal.
/// Then every query of every panel of the shipped Grafana dashboard returns data through
/// Prometheus's HTTP API, and the figures agree with Anna's own history.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class DashboardOnPrometheusTests(SystemdSandboxFixture systemd, ITestOutputHelper output)
{
    private const string Healed = "metrics-healed.service";
    private const string Crashing = "metrics-crashing.service";

    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 1

        [healing.circuit_breaker]
        max_failures = 1
        failure_window = 60
        """;

    [Fact]
    public async Task Every_panel_query_returns_data_that_agrees_with_Annas_history()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        await using var anna = LoopbackAnna.Start(systemd.Sandbox.BusAddress, Policy);
        try
        {
            await Eventually.HoldsAsync(() => anna.Client.HealthAsync(),
                h => h.GetProperty("watching").TryGetProperty("systemd", out var s) && s.GetString() == "connected",
                "Anna to connect to the sandboxed systemd");
            await using var prometheus = await PrometheusServer.StartAsync(anna.BaseAddress.Authority);

            var healedId = await HealOneAsync(units, anna.Client);
            await FailOneAsync(units, anna.Client);
            var undo = await anna.Client.Http.PostAsync($"/api/v1/history/{healedId}/undo", null);
            undo.EnsureSuccessStatusCode();

            // Let Prometheus take a few samples of the final state.
            var seen = await prometheus.ScrapesAsync();
            await Eventually.HoldsAsync(prometheus.ScrapesAsync, n => n >= seen + 3, "Prometheus to scrape Anna three more times");

            var dashboard = DashboardQueries.Load();
            var empty = new List<string>();
            foreach (var (panel, query) in DashboardQueries.For(dashboard, anna.BaseAddress.Authority, "10m"))
            {
                var result = await prometheus.QueryAsync(query);
                output.WriteLine($"{panel,-28} {result.Count,2} series  {query}");
                if (result.Count == 0)
                    empty.Add($"{panel}: {query}");
            }
            Assert.True(empty.Count == 0, "panels without data:\n" + string.Join("\n", empty));

            await AgreesWithHistoryAsync(prometheus, anna.Client, anna.BaseAddress.Authority);
        }
        finally
        {
            await units.StopAsync(Crashing);
            await units.StopAsync(Healed);
        }
    }

    private static async Task<long> HealOneAsync(UnitDriver units, AnnaClient client)
    {
        var pid = await units.StartSleeperAsync(Healed);
        UnitDriver.Kill(pid);
        var rows = await Eventually.HoldsAsync(() => client.HistoryForAsync(Healed),
            r => r.Any(x => x.GetProperty("outcome").GetString() == "success"), "Anna to heal the killed unit");
        return rows.Single(x => x.GetProperty("outcome").GetString() == "success").GetProperty("id").GetInt64();
    }

    private static async Task FailOneAsync(UnitDriver units, AnnaClient client)
    {
        // Lives 0.3 s after every start, so the restart fails its settle check and is rolled back.
        await units.InstallAndStartAsync(Crashing, """
            [Unit]
            StartLimitIntervalSec=0

            [Service]
            ExecStart=/bin/sh -c 'sleep 0.3; exit 1'
            """);
        await Eventually.HoldsAsync(() => client.HistoryForAsync(Crashing),
            r => r.Any(x => x.GetProperty("outcome").GetString() is "rolled_back" or "failed"), "Anna's restart of the crashing unit to fail",
            TimeSpan.FromSeconds(30));
    }

    private async Task AgreesWithHistoryAsync(PrometheusServer prometheus, AnnaClient client, string instance)
    {
        var history = await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/history?pageSize=200");
        var rows = history.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("action").GetString() != "undo").ToList();
        var selector = $"instance=\"{instance}\"";
        foreach (var outcome in (string[])["success", "rolled_back", "failed"])
        {
            var inHistory = rows.Count(r => r.GetProperty("outcome").GetString() == outcome);
            var scraped = await prometheus.QueryAsync($"sum(anna_healing_attempts_total{{{selector},outcome=\"{outcome}\"}})");
            var inPrometheus = scraped.Count == 0 ? 0 : PrometheusServer.Value(scraped[0]);
            output.WriteLine($"{outcome}: history {inHistory}, prometheus {inPrometheus}");
            Assert.Equal(inHistory, inPrometheus);
        }
        Assert.Equal(1, PrometheusServer.Value(Assert.Single(await prometheus.QueryAsync($"anna_rollback_operations_total{{{selector},reason=\"undo\"}}"))));
        Assert.True(PrometheusServer.Value(Assert.Single(await prometheus.QueryAsync($"anna_circuit_breaker_trips_total{{{selector},scope=\"subject\"}}"))) >= 1);
    }
}
