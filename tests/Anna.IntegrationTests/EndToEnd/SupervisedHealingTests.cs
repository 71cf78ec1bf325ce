using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.EndToEnd;

/// <summary>
/// Anna in supervised policy watching a real systemd user manager: a unit killed with SIGKILL is
/// noticed from signals, restarted, verified, recorded and counted.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class SupervisedHealingTests(SystemdSandboxFixture systemd) : IAsyncLifetime
{
    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 1
        """;

    private AnnaOnSandbox _anna = null!;

    private UnitDriver Units => _anna.Units;

    private AnnaClient Client => _anna.Client;

    public async Task InitializeAsync() => _anna = await AnnaOnSandbox.StartAsync(systemd, Policy);

    public async Task DisposeAsync() => await _anna.DisposeAsync();

    [Fact]
    public async Task A_killed_unit_is_restarted_recorded_counted_and_health_returns_to_healthy()
    {
        const string unit = "e2e-supervised.service";
        var before = await Client.HealingAttemptsAsync("failed_service", "success");
        var pid = await Units.StartSleeperAsync(unit);

        UnitDriver.Kill(pid);

        var healed = await Eventually.HoldsAsync(() => Units.StatusAsync(unit),
            s => s.IsActive && s.MainPid > 0 && s.MainPid != pid, "the unit to be active with a new main pid");
        Assert.Equal(0u, healed.NRestarts); // systemd did not restart it: Anna did
        var row = Assert.Single(await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit), rows => rows.Count > 0 && rows.All(AnnaClient.Finished), "a finished history row"));
        Assert.Equal("success", row.GetProperty("outcome").GetString());
        Assert.Equal("restart_service", row.GetProperty("action").GetString());
        Assert.Equal("service_restart", row.GetProperty("category").GetString());
        Assert.Equal("execute", row.GetProperty("decision").GetString());
        Assert.True(row.GetProperty("durationMs").GetInt64() >= 1000, "the settle period is part of the heal");
        Assert.Equal(before + 1, await Client.HealingAttemptsAsync("failed_service", "success"));
        Assert.Equal("HEALTHY", await Client.StateAsync());
        await Units.StopAsync(unit);
    }

    [Fact]
    public async Task A_unit_with_its_own_Restart_policy_is_left_to_systemd()
    {
        const string unit = "e2e-restart-always.service";
        var pid = await Units.StartSleeperAsync(unit, "Restart=always\nRestartSec=1");

        UnitDriver.Kill(pid);

        var back = await Eventually.HoldsAsync(() => Units.StatusAsync(unit),
            s => s.IsActive && s.MainPid > 0 && s.MainPid != pid, "systemd to restart the unit itself");
        Assert.Equal(1u, back.NRestarts);
        Assert.Empty(await Client.HistoryForAsync(unit));
        await Units.StopAsync(unit);
    }

    [Fact]
    public async Task A_unit_that_hit_its_start_limit_is_reset_before_it_is_started()
    {
        const string unit = "e2e-start-limit.service";
        var pid = await Units.StartUnitFileAsync(unit, """
            [Unit]
            Description=Anna test unit that gives up after two starts a minute
            StartLimitIntervalSec=60
            StartLimitBurst=2

            [Service]
            ExecStart=/bin/sleep infinity
            Restart=always
            RestartSec=100ms
            """);

        UnitDriver.Kill(pid); // systemd restarts it: the second start of the minute
        var second = await Eventually.HoldsAsync(() => Units.StatusAsync(unit), s => s.IsActive && s.MainPid > 0 && s.MainPid != pid, "systemd's own restart");
        UnitDriver.Kill(second.MainPid); // a third start would break the limit: systemd gives up

        var healed = await Eventually.HoldsAsync(() => Units.StatusAsync(unit),
            s => s.IsActive && s.MainPid > 0 && s.MainPid != second.MainPid, "Anna to reset the start limit and start the unit");
        Assert.Equal("success", healed.Result);
        var row = Assert.Single(await Eventually.HoldsAsync(() => Client.HistoryForAsync(unit), rows => rows.Count > 0 && rows.All(AnnaClient.Finished), "a finished history row"));
        Assert.Equal("success", row.GetProperty("outcome").GetString());
        Assert.Contains("start limit was reset first", row.GetProperty("detail").GetString());
        await Units.StopAsync(unit);
    }
}
