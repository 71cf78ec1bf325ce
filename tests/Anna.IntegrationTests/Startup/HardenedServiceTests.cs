using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Anna.Testing;

namespace Anna.IntegrationTests.Startup;

/// <summary>
/// The hardening deploy/anna.service ships does not get in the way of healing: Anna runs under every
/// directive of the file, on the sandboxed systemd, and restarts a killed unit.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class HardenedServiceTests(SystemdSandboxFixture systemd)
{
    private const string Anna = "anna-hardened.service";
    private const string Victim = "hardened-victim.service";

    [Fact]
    public async Task Under_the_shipped_hardening_Anna_starts_serves_its_socket_and_heals_a_killed_unit()
    {
        Assert.Contains("NoNewPrivileges=yes", ShippedUnit.ServiceDirectives());
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");
        var log = Path.Combine(state.Root, "anna.log");
        var service = ShippedUnit.For(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress), log, [systemd.Sandbox.RootDirectory]);
        try
        {
            var started = await units.InstallAndStartAsync(Anna, service);
            Assert.True(started.IsActive, $"{started}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}");
            using var http = UnixSocketHttp.Create(state.SocketPath);
            var client = new AnnaClient(http);
            await Eventually.HoldsAsync(() => client.StateAsync(), s => s == "HEALTHY", "Anna to answer on its socket");

            UnitDriver.Kill(await units.StartUnitFileAsync(Victim, "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sleep infinity\n"));

            await Eventually.HoldsAsync(() => client.HistoryForAsync(Victim),
                rows => rows.Any(r => r.GetProperty("outcome").GetString() == "success"), "the hardened Anna to heal the unit");
            Assert.True((await units.StatusAsync(Victim)).IsActive);
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
}
