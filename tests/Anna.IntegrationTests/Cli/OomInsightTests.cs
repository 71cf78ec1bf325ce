using System.Text.Json;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Cli;

/// <summary>
/// A unit with a small <c>MemoryMax=</c> whose process allocates past it, OOM-killed by the kernel in
/// the sandboxed systemd: the insights name the OOM kill and the limit, with the command that raises it.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class OomInsightTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "oom-eater.service";

    // Guided: nothing heals by itself; the kill is the unit's own.
    private const string Policy = "[healing]\npolicy = \"guided\"\nscan_interval = 5\n";

    private const string UnitFile = """
        [Unit]
        StartLimitIntervalSec=0
        [Service]
        MemoryMax=32M
        MemorySwapMax=0
        ExecStart=/usr/bin/python3 -c "chunks = [bytearray(1 << 20) for _ in range(256)]"
        """;

    [UnifiedCgroupFact]
    public async Task An_oom_killed_unit_is_named_with_its_limit_and_the_command_that_raises_it()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Policy);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        var cli = new Annactl(state.SocketPath);
        try
        {
            await units.InstallAndStartAsync(Unit, UnitFile);
            var status = await Eventually.HoldsAsync(() => units.StatusAsync(Unit), s => s.IsFailed, $"{Unit} to be OOM-killed");
            Assert.Equal("oom-kill", status.Result);
            await Eventually.HoldsAsync(() => anna.Client.StateAsync(), s => s == "DEGRADED", $"Anna to see {Unit} fail");

            var json = await cli.RunAsync("healing", "insights", "--days", "1", "--json");
            Assert.True(json.ExitCode == 0, json.StandardError);
            var cause = JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("rootCauses").EnumerateArray()
                .Single(c => c.GetProperty("kind").GetString() == "oom_kill");
            Assert.Equal(Unit, cause.GetProperty("subject").GetString());
            Assert.Contains("MemoryMax=32 MB", cause.GetProperty("finding").GetString(), StringComparison.Ordinal);
            Assert.Equal($"systemctl set-property {Unit} MemoryMax=64M", cause.GetProperty("command").GetString());
        }
        finally
        {
            await units.StopAsync(Unit);
            await units.ResetAllFailedAsync();
        }
    }
}
