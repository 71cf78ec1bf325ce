using Anna.Core.Rollback;
using Anna.IntegrationTests.EndToEnd;
using Anna.IntegrationTests.Systemd;
using Microsoft.Data.Sqlite;

namespace Anna.IntegrationTests.Crash;

/// <summary>
/// systemd stops Anna (SIGTERM) while it is in the middle of restarting a failed unit (held there
/// for a few seconds, as a slow action would be): Anna lets the action finish, records it, and only
/// then exits, well within the stop timeout. Before any restart the store already says how the
/// action ended and the unit agrees: nothing is left for recovery.
/// </summary>
[Collection(SystemdCollection.Name)]
public sealed class TerminatedDuringActionTests(SystemdSandboxFixture systemd)
{
    private const string Supervised = """
        [healing]
        policy = "supervised"
        settle_seconds = 1
        """;

    /// <summary>deploy/anna.service's TimeoutStopSec: systemd SIGKILLs after this.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(FaultPoint.IntentWritten)]
    [InlineData(FaultPoint.StepRecorded)]
    [InlineData(FaultPoint.Acted)]
    public async Task Sigterm_during_a_restart_ends_it_recorded_before_exit(FaultPoint point)
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        var unit = $"terminated-{point.ToString().ToLowerInvariant()}.service";
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Supervised);
        try
        {
            var pid = await units.StartSleeperAsync(unit);
            await using var anna = await AnnaServerProcess.StartConnectedAsync(state, AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress).HoldingAt(point, seconds: 4));
            UnitDriver.Kill(pid);
            await anna.WaitForLineAsync("holding action #", TimeSpan.FromSeconds(60));

            var (took, exitCode) = await anna.TerminateAsync(StopTimeout);
            Assert.True(took < TimeSpan.FromSeconds(60), $"Anna took {took.TotalSeconds:0.0} s to stop:\n{anna.Output()}");
            Assert.Equal(0, exitCode);

            var (_, outcome, detail) = await RowOnDiskAsync(state, unit);
            Assert.True(outcome is "success" or "rolled_back", $"#{unit}: {outcome} — {detail}\n{anna.Output()}");
            var status = await units.StatusAsync(unit);
            Assert.True(status.IsActive == (outcome == "success"), $"{unit} is {status.ActiveState}/{status.SubState}, recorded {outcome} — {detail}");
        }
        finally
        {
            await units.StopAsync(unit);
            await units.ResetAllFailedAsync();
        }
    }

    [Fact]
    public async Task An_action_outlasting_the_stop_time_is_left_to_the_next_starts_recovery()
    {
        await using var units = await UnitDriver.ConnectAsync(systemd.Sandbox);
        await units.ResetAllFailedAsync();
        const string unit = "terminated-stuck.service";
        using var state = new AnnaStateDirectory();
        state.WritePolicy(Supervised);
        var launch = AnnaLaunch.OnSandbox(systemd.Sandbox.BusAddress);
        try
        {
            var pid = await units.StartSleeperAsync(unit);
            long id;
            await using (var anna = await AnnaServerProcess.StartConnectedAsync(state, launch.HoldingAt(FaultPoint.StepRecorded).With("Anna:StopSeconds", "2")))
            {
                UnitDriver.Kill(pid);
                await anna.WaitForLineAsync("holding action #", TimeSpan.FromSeconds(60));
                var (took, _) = await anna.TerminateAsync(StopTimeout);
                // Anna:StopSeconds bounds the wait: a stuck action does not hold the stop for its 300 s.
                Assert.True(took < TimeSpan.FromSeconds(20), $"Anna took {took.TotalSeconds:0.0} s to stop:\n{anna.Output()}");
                var row = await RowOnDiskAsync(state, unit);
                Assert.Equal("in_progress", row.Outcome);
                id = row.Id;
            }

            var (restarted, detail) = await CrashDrill.RestartAndRecoverAsync(state, launch, id);
            await using (restarted)
                Assert.Equal("rolled_back", detail.GetProperty("entry").GetProperty("outcome").GetString());
        }
        finally
        {
            await units.StopAsync(unit);
            await units.ResetAllFailedAsync();
        }
    }

    /// <summary>The store as Anna left it, read directly: no Anna runs recovery over it first.</summary>
    private static async Task<(long Id, string Outcome, string Detail)> RowOnDiskAsync(AnnaStateDirectory state, string subject)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(state.DataDirectory, "anna.db")};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT id, outcome, detail FROM action_history WHERE subject = $subject ORDER BY id DESC LIMIT 1";
        query.Parameters.AddWithValue("$subject", subject);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no history row for {subject}");
        return (reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
    }
}
