using System.Text.Json;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Cli;

/// <summary>
/// <c>annactl healing insights</c> against a real Anna on the sandboxed systemd: a unit that exits
/// with status 3 each time it runs is named as a root cause, with the status systemd reported over
/// D-Bus and the command that shows its log.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class InsightsCliTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "cli-exit3.service";

    // Guided: nothing heals by itself, so every failure is the unit's own and stays until we clear it.
    private const string Policy = """
        [healing]
        policy = "guided"
        scan_interval = 5
        """;

    private const string UnitFile = "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sh -c 'sleep 0.5; exit 3'\n";

    [Fact]
    public async Task A_unit_failing_twice_with_the_same_status_is_a_root_cause_with_its_journal_command()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Policy);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        var cli = new Annactl(state.SocketPath);
        try
        {
            for (var run = 0; run < 2; run++)
            {
                await units.InstallAndStartAsync(Unit, UnitFile);
                await Eventually.HoldsAsync(() => anna.Client.StateAsync(), s => s == "DEGRADED", $"Anna to see {Unit} fail (run {run + 1})");
                await units.ResetAllFailedAsync();
                await Eventually.HoldsAsync(() => anna.Client.StateAsync(), s => s == "HEALTHY", $"Anna to see {Unit} cleared (run {run + 1})");
            }

            var text = await cli.RunAsync("healing", "insights", "--days", "7");
            Assert.True(text.ExitCode == 0, text.StandardOutput + text.StandardError);
            Assert.Contains("Healing insights, last 7 days", text.StandardOutput);
            Assert.Contains($"{Unit} failed 2 times, each time with exit status 3", text.StandardOutput);
            Assert.Contains($"Run: journalctl -u {Unit} -n 50 --no-pager", text.StandardOutput);

            var json = await cli.RunAsync("-o", "json", "healing", "insights");
            Assert.Equal(0, json.ExitCode);
            var insights = JsonDocument.Parse(json.StandardOutput).RootElement;
            Assert.Equal(30, insights.GetProperty("days").GetInt32());
            var cause = Assert.Single(insights.GetProperty("rootCauses").EnumerateArray(), c => c.GetProperty("subject").GetString() == Unit);
            Assert.Equal("same_exit_status", cause.GetProperty("kind").GetString());
            Assert.Equal(2, cause.GetProperty("issueIds").GetArrayLength());

            Assert.Equal(2, (await cli.RunAsync("healing", "insights", "--days", "0")).ExitCode);
        }
        finally
        {
            await units.StopAsync(Unit);
        }
    }
}
