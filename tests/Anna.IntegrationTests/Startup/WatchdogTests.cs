using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Startup;

/// <summary>
/// Anna as deploy/anna.service runs it (Type=notify, hardening) with a short WatchdogSec= under the sandboxed systemd: it pings the
/// watchdog while its healing loops are alive; when the signal loop hangs (a fault point standing
/// for a deadlocked engine), the pings stop, systemd kills and restarts it, and Anna's log says why.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class WatchdogTests(SystemdSandboxFixture systemd)
{
    private const string Anna = "anna-under-watchdog.service";
    private const string Victim = "watchdog-victim.service";

    [Fact]
    public async Task A_hung_healing_loop_stops_the_pings_and_systemd_restarts_Anna()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"guided\"\n");
        var log = Path.Combine(state.Root, "anna.log");
        var launch = AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress)
            .With("Anna:Watchdog:StuckAfterSeconds", "1")
            .With("Anna:Watchdog:HangOnUnit", Victim);
        // The shipped unit (hardening included) with a short watchdog; its SIGABRT gets a short grace, then SIGKILL.
        var service = ShippedUnit.For(state, launch, log, [systemd.Sandbox.RootDirectory], "WatchdogSec=3", "TimeoutAbortSec=3", "RestartSec=1");
        try
        {
            var started = await units.InstallAndStartAsync(Anna, service);
            Assert.True(started.IsActive, $"{Anna}: {started}\n{Read(log)}");
            Assert.Equal(0u, started.NRestarts);
            // Alive and idle: the pings keep it running well past WatchdogSec.
            await Task.Delay(TimeSpan.FromSeconds(7));
            var idle = await units.StatusAsync(Anna);
            Assert.True(idle.IsActive && idle.NRestarts == 0 && idle.MainPid == started.MainPid, $"{idle}\n{Read(log)}");

            // A state change hangs the signal loop: no more pings, and systemd restarts Anna.
            UnitDriver.Kill(await units.StartUnitFileAsync(Victim, "[Service]\nExecStart=/bin/sleep infinity\n"));
            // systemd's own word on why: the unit's result is "watchdog".
            await Eventually.HoldsAsync(() => units.StatusAsync(Anna), s => s.Result == "watchdog", "systemd to see the watchdog time out", TimeSpan.FromSeconds(30));
            var restarted = await Eventually.HoldsAsync(() => units.StatusAsync(Anna), s => s.NRestarts >= 1 && s.IsActive, "systemd to restart Anna", TimeSpan.FromSeconds(60));
            Assert.NotEqual(started.MainPid, restarted.MainPid);
            Assert.Contains("The healing loop is stuck in the state change of watchdog-victim.service", Read(log), StringComparison.Ordinal);
            Assert.Contains("no more watchdog pings: systemd will restart Anna", Read(log), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var unit in new[] { Anna, Victim })
            {
                try
                {
                    await units.StopAsync(unit);
                }
                catch (Tmds.DBus.Protocol.DBusErrorReplyException)
                {
                    // Never loaded (the test failed before it) or already gone.
                }
            }
            await units.ResetAllFailedAsync();
        }
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path) : "(no log)";
}
