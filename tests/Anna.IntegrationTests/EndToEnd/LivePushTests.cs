using System.Collections.Concurrent;
using System.Text.Json;
using Anna.IntegrationTests.Systemd;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// The live push outside the process: a SignalR client of Anna's hub, signed in with an API token,
/// receives a heal of a real unit as it happens — detected, started, then resolved and succeeded — in
/// order, from the bridge that pushes off the heal's own path.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class LivePushTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 0.3
        """;

    private AnnaOnSandbox _anna = null!;

    public async Task InitializeAsync() => _anna = await AnnaOnSandbox.StartAsync(systemd, Policy);

    public async Task DisposeAsync() => await _anna.DisposeAsync();

    [Fact]
    public async Task A_hub_client_receives_a_heal_as_it_happens_in_order()
    {
        const string unit = "e2e-live-push.service";
        var factory = _anna.Factory;
        var received = new ConcurrentQueue<(string Kind, string? IssueKey)>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/anna"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(factory.AdminToken);
            })
            .Build();
        connection.On<JsonElement>("EngineEvent", e =>
            received.Enqueue((e.GetProperty("kind").GetString()!, e.GetProperty("issueKey").GetString())));
        await connection.StartAsync();
        var pid = await _anna.Units.StartSleeperAsync(unit);

        UnitDriver.Kill(pid);

        var key = $"failed_service:{unit}";
        var events = await Eventually.HoldsAsync(() => Task.FromResult(received.Where(e => e.IssueKey == key).Select(e => e.Kind).ToList()),
            kinds => kinds.Contains("issue_resolved") && kinds.Contains("action_succeeded"), "the heal to reach the hub client");
        // The issue closes when the unit is active again; the heal succeeds when the settle period has passed.
        Assert.Equal(["issue_detected", "action_started"], events[..2]);
        Assert.Equal(["action_succeeded", "issue_resolved"], events[2..].Order());
        await _anna.Units.StopAsync(unit);
    }
}
