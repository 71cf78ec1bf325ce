using System.Diagnostics;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Faults;

/// <summary>
/// systemd is slow for one unit — its restart takes 20 s (a slow ExecStartPre) — while another unit
/// fails: the slow job does not hold the other heal back, and both end recorded as they happened.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class SlowSystemdTests(SystemdSandboxFixture systemd)
{
    private const string Slow = "slow-restart.service";
    private const string Quick = "quick-restart.service";

    [Fact]
    public async Task A_restart_that_takes_20_s_does_not_hold_back_the_heal_of_another_unit()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy("[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.5\n");
        var slowFlag = Path.Combine(state.Root, "slow");
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        try
        {
            // Quick to start the first time; once the flag is there, each start waits 20 s first.
            var slowPid = await units.StartUnitFileAsync(Slow,
                $"[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStartPre=/bin/sh -c 'if [ -e {slowFlag} ]; then sleep 20; fi'\nExecStart=/bin/sleep infinity\nTimeoutStartSec=60\n");
            var quickPid = await units.StartSleeperAsync(Quick);
            await File.WriteAllTextAsync(slowFlag, "");

            UnitDriver.Kill(slowPid);
            await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Slow), r => r.Any(e => e.GetProperty("outcome").GetString() == "in_progress"),
                "Anna to be restarting the slow unit");
            var clock = Stopwatch.StartNew();
            UnitDriver.Kill(quickPid);

            await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Quick), r => r.Any(e => e.GetProperty("outcome").GetString() == "success"),
                "the other unit's heal while the slow restart runs", TimeSpan.FromSeconds(15));
            var tookQuick = clock.Elapsed;
            Assert.Contains(await anna.Client.HistoryForAsync(Slow), e => e.GetProperty("outcome").GetString() == "in_progress");
            Assert.True(tookQuick < TimeSpan.FromSeconds(15), $"the quick heal took {tookQuick.TotalSeconds:0.0} s");

            await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Slow), r => r.Any(e => e.GetProperty("outcome").GetString() == "success"),
                "the slow restart to finish", TimeSpan.FromSeconds(60));
            Assert.True((await units.StatusAsync(Slow)).IsActive);
            Assert.True((await units.StatusAsync(Quick)).IsActive);
        }
        finally
        {
            await units.StopAsync(Slow);
            await units.StopAsync(Quick);
        }
    }
}
