using System.Diagnostics;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Microsoft.Data.Sqlite;

namespace Anna.IntegrationTests.Faults;

/// <summary>
/// Another process holds Anna's database locked for writing for 10 s (a backup tool, an admin's
/// sqlite3 shell) while a unit fails: Anna keeps answering, the heal waits for the lock instead of
/// failing or acting unrecorded, and afterwards it is done and recorded once.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class LockedStoreTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "locked-store-web.service";
    private static readonly TimeSpan Locked = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_heal_during_a_10_s_write_lock_waits_for_it_and_is_recorded_once()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        try
        {
            var pid = await units.StartSleeperAsync(Unit);
            await using (var holder = new SqliteConnection($"Data Source={Path.Combine(state.DataDirectory, "anna.db")};Pooling=False"))
            {
                await holder.OpenAsync();
                await using var begin = holder.CreateCommand();
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
                var clock = Stopwatch.StartNew();

                UnitDriver.Kill(pid);
                // Reads go on while the write lock is held (the store is in WAL mode): the failure is seen and
                // shown, within the lock's time even on a busy machine, and nothing is recorded yet.
                Assert.Equal("DEGRADED", await Eventually.HoldsAsync(() => anna.Client.StateAsync(), s => s == "DEGRADED",
                    "the failure to show while the store is locked", Locked - clock.Elapsed - TimeSpan.FromSeconds(1)));
                Assert.Empty(await anna.Client.HistoryForAsync(Unit));

                await Task.Delay(Locked - clock.Elapsed);
                await using var commit = holder.CreateCommand();
                commit.CommandText = "COMMIT";
                await commit.ExecuteNonQueryAsync();
            }

            var rows = await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Unit),
                r => r.Any(e => e.GetProperty("outcome").GetString() == "success"), "the heal once the lock is gone", TimeSpan.FromSeconds(60));
            Assert.Single(rows);
            Assert.True((await units.StatusAsync(Unit)).IsActive);
            Assert.Equal("HEALTHY", await Eventually.HoldsAsync(() => anna.Client.StateAsync(), s => s == "HEALTHY", "Anna to be healthy again"));
            Assert.False(anna.HasExited, anna.Output());
        }
        finally
        {
            await units.StopAsync(Unit);
        }
    }
}
