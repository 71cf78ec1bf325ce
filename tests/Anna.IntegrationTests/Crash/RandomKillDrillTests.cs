using System.Text.Json;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Xunit.Abstractions;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// The daemon SIGKILLed at random moments while it heals (from the unit's death to just after its
/// verification), again and again on the same store: at every next start, recovery gives each
/// cut-off action an outcome that matches the unit, and in the end no action is lost or left in
/// progress. The seed is printed, so a failing run can be repeated.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class RandomKillDrillTests(SystemdSandboxFixture systemd, ITestOutputHelper output)
{
    private const string Unit = "kill-drill-web.service";
    private const int Rounds = 5;

    [Fact]
    public async Task Random_sigkills_during_heals_leave_every_action_finished_and_matching_the_unit()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        using var state = new AnnaStateDirectory();
        // The breaker would rightly stop healing a unit killed round after round; the drill is about the store.
        state.WritePolicy("[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.3\n[healing.circuit_breaker]\nmax_failures = 100\n");
        var launch = AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        try
        {
            await units.StartSleeperAsync(Unit);
            for (var round = 0; round < Rounds; round++)
            {
                await using var anna = await AnnaServerProcess.StartConnectedAsync(state, launch);
                // The previous round's cut-off heal is finished by recovery, or healed again now.
                var status = await Eventually.HoldsAsync(() => units.StatusAsync(Unit), s => s.IsActive && s.MainPid > 0, $"round {round}: {Unit} up",
                    TimeSpan.FromSeconds(60));
                UnitDriver.Kill(status.MainPid);
                var delay = random.Next(0, 700);
                await Task.Delay(delay);
                await anna.KillAsync();
                output.WriteLine($"round {round}: SIGKILL {delay} ms after the unit died");
            }

            await using var last = await AnnaServerProcess.StartConnectedAsync(state, launch);
            var rows = await Eventually.HoldsAsync(() => CrashDrill.AllRowsAsync(last.Client),
                r => r.All(e => e.GetProperty("outcome").GetString() != "in_progress"), "recovery to finish every action");
            await Eventually.HoldsAsync(() => units.StatusAsync(Unit), s => s.IsActive, "the unit healed in the end");
            var outcomes = rows.GroupBy(r => r.GetProperty("outcome").GetString()).ToDictionary(g => g.Key!, g => g.Count());
            output.WriteLine(JsonSerializer.Serialize(outcomes));
            // Each round's kill was seen by one Anna or the next; every heal left a row.
            Assert.True(rows.Count(r => r.GetProperty("subject").GetString() == Unit) >= 1, $"no rows at all: {last.Output()}");
            var cut = rows.Where(r => r.GetProperty("detail").GetString()!.Contains("Anna stopped while this action ran", StringComparison.Ordinal)).ToList();
            output.WriteLine($"{cut.Count} actions cut off mid-way and finished by recovery");
            Assert.All(cut, r => Assert.Contains(r.GetProperty("outcome").GetString(), (string[])["success", "rolled_back"]));
        }
        finally
        {
            await units.StopAsync(Unit);
            await units.ResetAllFailedAsync();
        }
    }
}
