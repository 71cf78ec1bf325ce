using Anna.Core.Linux.Processes;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Anna.Server.Persistence;
using Microsoft.Data.Sqlite;

namespace Anna.IntegrationTests.Faults;

/// <summary>
/// Anna's data directory on a small real tmpfs that something else fills to the last byte while a
/// unit fails: Anna releases its space reserve, says so (health, metric), still heals and records
/// the heal; once the space is freed the reserve is back, and the database is whole.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class FullDataDiskTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "full-disk-web.service";

    [Fact]
    public async Task On_a_full_data_disk_Anna_releases_its_reserve_heals_records_and_says_so()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");
        var data = Directory.CreateDirectory(state.DataDirectory).FullName;
        var processes = new ProcessRunner();
        var mount = await processes.RunAsync("mount", ["-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs", data], TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(mount.Succeeded, mount.Excerpt());
        var reserve = Path.Combine(data, StoreSpace.ReserveFileName);
        var filler = Path.Combine(data, "filler");
        try
        {
            await using (var anna = await AnnaServerProcess.StartConnectedAsync(state,
                AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress).With("Anna:StoreReserveMiB", "4")))
            {
                await Eventually.HoldsAsync(() => Task.FromResult(File.Exists(reserve)), r => r, "Anna to keep its reserve");
                var pid = await units.StartSleeperAsync(Unit);
                Fill(filler);

                UnitDriver.Kill(pid);
                var rows = await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Unit),
                    r => r.Any(e => e.GetProperty("outcome").GetString() == "success"), "the heal on a full disk", TimeSpan.FromSeconds(60));
                Assert.Single(rows);
                Assert.True((await units.StatusAsync(Unit)).IsActive);
                Assert.False(File.Exists(reserve));
                var store = (await anna.Client.HealthAsync()).GetProperty("watching").GetProperty("store").GetString();
                Assert.StartsWith("full: ", store, StringComparison.Ordinal);
                Assert.Contains("released the 4 MiB reserve", store, StringComparison.Ordinal);
                Assert.Contains("anna_store_reserve_bytes 0", await anna.Client.Http.GetStringAsync("/metrics"), StringComparison.Ordinal);

                File.Delete(filler);
                await Eventually.HoldsAsync(async () => (await anna.Client.HealthAsync()).GetProperty("watching").GetProperty("store").GetString(),
                    s => s!.StartsWith("writable", StringComparison.Ordinal), "the reserve to be made again once there is room");
                Assert.True(File.Exists(reserve));
            }

            await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "anna.db")};Mode=ReadOnly;Pooling=False");
            await db.OpenAsync();
            await using var check = db.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        }
        finally
        {
            await units.StopAsync(Unit);
            await processes.RunAsync("umount", [data], TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }

    /// <summary>Writes until the filesystem has not one block left, as a runaway log would.</summary>
    private static void Fill(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var chunk in (int[])[1 << 20, 1 << 12])
        {
            var bytes = new byte[chunk];
            try
            {
                while (true)
                    file.Write(bytes);
            }
            catch (IOException)
            {
                // ENOSPC: on to smaller pieces, then done.
            }
        }
    }
}
