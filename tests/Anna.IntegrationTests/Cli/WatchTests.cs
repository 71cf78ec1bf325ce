using System.Text.Json;
using Anna.IntegrationTests.Crash;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;

namespace Anna.IntegrationTests.Cli;

/// <summary><c>annactl watch</c> against a real Anna healing a killed unit on the sandboxed systemd: the events as they happen.</summary>
[Collection(SystemdCollection.Name)]
public sealed class WatchTests(SystemdSandboxFixture systemd)
{
    private const string Unit = "watch-web.service";

    private const string Policy = """
        [healing]
        policy = "supervised"
        settle_seconds = 0.5
        """;

    [Fact]
    public async Task Watch_prints_the_detection_and_the_heal_as_they_happen_and_json_prints_the_apis_events()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Policy);
        await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress));
        using var text = new AnnactlProcess(state.SocketPath, null, "watch");
        using var json = new AnnactlProcess(state.SocketPath, null, "-o", "json", "watch");
        try
        {
            // Each says so (the JSON one on stderr) once it knows the newest event: nothing after it is missed.
            await Eventually.HoldsAsync(() => Task.FromResult(text.Said("Following Anna's events") && json.Said("Following Anna's events")), s => s, "both to follow");
            var pid = await units.StartUnitFileAsync(Unit, "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sleep infinity\n");
            UnitDriver.Kill(pid);

            var healed = await Eventually.HoldsAsync(() => anna.Client.HistoryForAsync(Unit),
                rows => rows.Any(r => r.GetProperty("outcome").GetString() == "success"), "Anna to heal the unit");
            var id = healed.First(r => r.GetProperty("outcome").GetString() == "success").GetProperty("id").GetInt64();
            // The heal's start is printed with the same id before its success: wait for the success itself.
            await Eventually.HoldsAsync(() => Task.FromResult(
                    text.Lines().Any(l => l.Contains("action_succeeded", StringComparison.Ordinal) && l.Contains($"(#{id})", StringComparison.Ordinal))
                    && json.Lines().Any(l => l.Contains("\"action_succeeded\"", StringComparison.Ordinal))), s => s,
                "both watchers to print the heal");

            var lines = text.Lines().ToList();
            var detected = lines.FindIndex(l => l.Contains("issue_detected", StringComparison.Ordinal) && l.Contains(Unit, StringComparison.Ordinal));
            var succeeded = lines.FindIndex(l => l.Contains("action_succeeded", StringComparison.Ordinal) && l.Contains($"(#{id})", StringComparison.Ordinal));
            Assert.True(detected >= 0 && succeeded > detected, text.Output());

            var events = json.Lines().Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Contains(events, e => e.GetProperty("kind").GetString() == "action_succeeded"
                && e.GetProperty("entry").GetProperty("id").GetInt64() == id
                && e.GetProperty("entry").GetProperty("subject").GetString() == Unit);
            Assert.False(text.HasExited, text.Output());
        }
        finally
        {
            await units.StopAsync(Unit);
        }
    }
}
