using Anna.Core.Linux.Systemd;
using Anna.IntegrationTests.Systemd;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>Anna must not go blind when the bus drops or systemd re-executes: it reconnects and heals what fails afterwards.</summary>
[Collection(SystemdCollection.Name)]
public sealed class BusLossTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 0.5
        """;

    private AnnaOnSandbox _anna = null!;

    private AnnaClient Client => _anna.Client;

    public async Task InitializeAsync() => _anna = await AnnaOnSandbox.StartAsync(systemd, Policy);

    public async Task DisposeAsync() => await _anna.DisposeAsync();

    [Fact]
    public async Task After_the_bus_is_killed_Anna_reconnects_and_heals_a_unit_killed_afterwards()
    {
        var reconnected = ConnectedAgain();

        await systemd.Sandbox.KillBusAsync(CancellationToken.None);

        await reconnected.WaitAsync(TimeSpan.FromSeconds(30));
        await HealsAsync("e2e-after-bus-loss.service");
    }

    [Fact]
    public async Task After_systemd_reexecutes_Anna_resubscribes_and_heals_a_unit_killed_afterwards()
    {
        var reconnected = ConnectedAgain();

        await systemd.Sandbox.RestartManagerAsync(CancellationToken.None);

        await reconnected.WaitAsync(TimeSpan.FromSeconds(30));
        await HealsAsync("e2e-after-reexec.service");
    }

    /// <summary>Completes when Anna's own systemd adapter reports its next (re)connect.</summary>
    private Task ConnectedAgain()
    {
        var manager = _anna.Factory.Services.GetRequiredService<ISystemdManager>();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Action handler = null!;
        handler = () =>
        {
            manager.Connected -= handler;
            connected.TrySetResult();
        };
        manager.Connected += handler;
        return connected.Task;
    }

    private async Task HealsAsync(string unit)
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        var pid = await units.StartSleeperAsync(unit);

        UnitDriver.Kill(pid);

        await Eventually.HoldsAsync(() => units.StatusAsync(unit), s => s.IsActive && s.MainPid > 0 && s.MainPid != pid,
            "Anna to restart the unit after reconnecting");
        var row = await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit), rows => rows.Count > 0 && rows.All(AnnaClient.Finished), "a finished history row");
        Assert.Equal("success", row[0].GetProperty("outcome").GetString());
        await units.StopAsync(unit);
    }
}
