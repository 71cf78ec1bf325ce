using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Anna.Testing;

namespace Anna.IntegrationTests.Startup;

/// <summary>
/// A real Anna heals a killed unit on the sandboxed systemd and tells journald's socket so with
/// fields: what <c>journalctl -u anna ANNA_ACTION=restart_service</c> and <c>journalctl -u UNIT</c> match on.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class JournalTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "journal-web.service";

    [Fact]
    public async Task A_heal_reaches_the_journal_with_its_action_unit_and_history_id_as_fields()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var journal = new JournalReceiver();
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");
        var launch = AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress).With("Anna:Journal", "on").With("Anna:JournalSocket", journal.SocketPath);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, launch);
        try
        {
            UnitDriver.Kill(await units.StartUnitFileAsync(Unit, "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sleep infinity\n"));
            var rows = await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Unit),
                r => r.Any(e => e.GetProperty("outcome").GetString() == "success"), "Anna to heal the unit");
            var id = rows.First(e => e.GetProperty("outcome").GetString() == "success").GetProperty("id").GetInt64();

            var entries = await Eventually.HoldsAsync(() => Task.FromResult(journal.Entries()),
                e => e.Any(f => f.GetValueOrDefault("ANNA_ACTION") == "restart_service"), "the heal's journal entry");
            var heal = entries.Single(f => f.GetValueOrDefault("ANNA_ACTION") == "restart_service");
            Assert.Equal(Unit, heal["ANNA_SUBJECT"]);
            Assert.Equal(Unit, heal["OBJECT_SYSTEMD_UNIT"]);
            Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), heal["ANNA_HISTORY_ID"]);
            Assert.Equal("success", heal["ANNA_OUTCOME"]);
            Assert.Equal("anna", heal["SYSLOG_IDENTIFIER"]);
            Assert.Contains($"(history #{id})", heal["MESSAGE"], StringComparison.Ordinal);
            Assert.Empty(journal.Malformed());
        }
        finally
        {
            await units.StopAsync(Unit);
        }
    }
}
