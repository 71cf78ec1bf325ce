using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Cli;

/// <summary>
/// The desktop agent end to end: a real Anna heals a killed unit on the sandboxed systemd,
/// <c>annactl notify</c> shows the session on a real session bus (python-dbusmock's notification
/// server), [Undo] clicked there stops the unit again as the clicking user, and the agent goes on
/// showing sessions after Anna restarts.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class NotifyTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "notify-web.service";

    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 0.5

        [notifications.desktop]
        urgency = "critical"
        """;

    [Fact]
    public async Task A_healing_session_is_one_notification_whose_undo_stops_the_unit_again_and_the_agent_outlives_an_Anna_restart()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Policy);
        using var desktop = await NotificationDaemon.StartAsync();
        var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        using var agent = new AnnactlProcess(state.SocketPath, desktop.Address, "notify");
        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(agent.Said("showing Anna's notices to root (admin)")), s => s, "the agent to start");
            var pid = await units.StartUnitFileAsync(Unit, "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sleep infinity\n");
            UnitDriver.Kill(pid);

            var shown = (await Eventually.HoldsAsync(desktop.NotificationsAsync, n => n.Count == 1, "the healed session to be shown")).Single();
            Assert.Equal("Anna Assistant", shown.AppName);
            Assert.Equal("Auto-healed 1 issue", shown.Summary);
            Assert.Equal("• Restarted failed service: notify-web\nSystem state: DEGRADED → HEALTHY", shown.Body);
            Assert.Equal(["details", "View Details", "undo", "Undo"], shown.Actions);
            Assert.Equal(2, shown.Urgency);
            Assert.True((await units.StatusAsync(Unit)).IsActive);

            await desktop.ClickAsync(shown.Id, "undo");

            await Eventually.HoldsAsync(() => units.StatusAsync(Unit), s => s.ActiveState == "inactive", "[Undo] to stop the unit again");
            var undo = await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Unit),
                rows => rows.Any(r => r.GetProperty("action").GetString() == "undo"), "the undo to be in history");
            Assert.Equal("root", undo.Single(r => r.GetProperty("action").GetString() == "undo").GetProperty("approvedBy").GetString());
            var told = await Eventually.HoldsAsync(desktop.NotificationsAsync, n => n.Count == 2, "the undo's outcome to be shown");
            Assert.Equal("Undo", told[1].Summary);
            Assert.Contains("undone", told[1].Body, StringComparison.Ordinal);

            // Anna restarts; the agent waits for it and shows the next session.
            await anna.DisposeAsync();
            anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
            // Once the agent follows the new run, and before it has anything to show: it must count from the run's start.
            await Eventually.HoldsAsync(() => Task.FromResult(agent.Said("Anna restarted; following its new run")), s => s, "the agent to follow the new run");
            pid = await units.StartUnitFileAsync(Unit, "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sleep infinity\n");
            UnitDriver.Kill(pid);
            var again = await Eventually.HoldsAsync(desktop.NotificationsAsync, n => n.Count == 3, "the session after the restart to be shown");
            Assert.Equal("Auto-healed 1 issue", again[2].Summary);
            Assert.False(agent.HasExited, agent.Output());
        }
        catch
        {
            Console.WriteLine($"annactl notify said:\n{agent.Output()}\nAnna said:\n{anna.Output()}");
            throw;
        }
        finally
        {
            await anna.DisposeAsync();
            await units.StopAsync(Unit);
        }
    }
}
