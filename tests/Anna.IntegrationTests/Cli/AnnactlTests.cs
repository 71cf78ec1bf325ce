using System.Text.Json;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Cli;

/// <summary>
/// annactl against a real Anna on the sandboxed systemd, over the real socket: health names a
/// failed unit and the fix to run, repair heals it, history lists it, rollback undoes it, JSON is
/// the API's, and each exit code means what the help says.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class AnnactlTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "cli-web.service";

    // Guided: Anna suggests and a person (annactl) decides, so the failed unit waits for us.
    private const string Policy = """
        [healing]
        policy = "guided"
        settle_seconds = 0.5
        """;

    [Fact]
    public async Task Health_repair_history_and_rollback_work_end_to_end_with_their_exit_codes()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Policy);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        var cli = new Annactl(state.SocketPath);
        try
        {
            var healthy = await cli.RunAsync("status");
            Assert.Equal(0, healthy.ExitCode);
            Assert.StartsWith("HEALTHY", healthy.StandardOutput);

            var pid = await units.StartUnitFileAsync(Unit, "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sleep infinity\n");
            UnitDriver.Kill(pid);
            await Eventually.HoldsAsync(() => anna.Client.StateAsync(), s => s == "DEGRADED", "Anna to see the killed unit");

            var health = await cli.RunAsync("health");
            Assert.Equal(1, health.ExitCode);
            Assert.Contains("System State: DEGRADED", health.StandardOutput);
            Assert.Contains("Suggested fixes:", health.StandardOutput);
            Assert.Contains("(Risk: ", health.StandardOutput);
            Assert.Contains("Run: annactl auto-heal --items 1", health.StandardOutput);

            // Not a terminal and no --yes: the dry run is shown and nothing changes.
            var unconfirmed = await cli.RunAsync("auto-heal", "--items", "1");
            Assert.Equal(1, unconfirmed.ExitCode);
            Assert.Contains("Dry run", unconfirmed.StandardOutput);
            Assert.False((await units.StatusAsync(Unit)).IsActive);

            var repair = await cli.RunAsync("repair", "--service", Unit);
            Assert.True(repair.ExitCode == 0, repair.StandardOutput + repair.StandardError);
            await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Unit),
                r => r.Any(x => x.GetProperty("outcome").GetString() == "success"), "annactl repair to restart the unit and Anna to verify it");

            var history = await cli.RunAsync("-o", "json", "history", "--last", "5");
            Assert.Equal(0, history.ExitCode);
            var rows = JsonDocument.Parse(history.StandardOutput).RootElement.GetProperty("items").EnumerateArray().ToList();
            var restart = Assert.Single(rows, r => r.GetProperty("subject").GetString() == Unit && r.GetProperty("outcome").GetString() == "success");
            Assert.Equal("root", restart.GetProperty("approvedBy").GetString());

            var rollback = await cli.RunAsync("rollback", "--last", "1");
            Assert.True(rollback.ExitCode == 0, rollback.StandardOutput + rollback.StandardError);
            Assert.Contains("undone", rollback.StandardOutput);
            Assert.Equal("inactive", (await units.StatusAsync(Unit)).ActiveState);
        }
        finally
        {
            await units.StopAsync(Unit);
        }
    }

    [Fact]
    public async Task Usage_errors_an_absent_daemon_and_a_role_too_small_have_their_own_exit_codes()
    {
        using var state = new AnnaStateDirectory();
        var absent = new Annactl(state.SocketPath);
        var unreachable = await absent.RunAsync("status");
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("not reachable", unreachable.StandardError);

        Assert.Equal(2, (await absent.RunAsync("bogus")).ExitCode);
        Assert.Equal(2, (await absent.RunAsync("history", "--last", "zero")).ExitCode);
        Assert.Equal(2, (await absent.RunAsync("healing", "undo", "--last", "1", "--action-id", "3")).ExitCode);
        Assert.Equal(2, (await absent.RunAsync("status", "--frobnicate")).ExitCode);

        state.WritePolicy(Policy);
        File.SetUnixFileMode(state.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        var refused = await absent.RunAsAsync("nobody", "healing", "disable");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("viewer", refused.StandardError);
        var looked = await absent.RunAsAsync("nobody", "status");
        Assert.True(looked.ExitCode is 0 or 1, looked.StandardError);
    }
}
