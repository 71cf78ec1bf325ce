using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// The kill drill at length (the suite runs 5 rounds): round after round on one store, a unit is
/// killed and Anna is SIGKILLed 0–700 ms later, mid-heal or around it; the next Anna starts on the
/// same store. At the end every action must be finished (none in progress), every kill healed once
/// (as many successful heals as rounds: none lost, none twice), and the unit up. Prints the outcome
/// counts, how many actions were cut off and finished by recovery, and the seed to repeat a run.
/// </summary>
internal static class KillDrillBench
{
    private const string Unit = "bench-kill-drill.service";
    private const string Policy = "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.3\n[healing.circuit_breaker]\nmax_failures = 100\n";

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var seed = options.Seed ?? Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"kill drill: {options.Trials} rounds on one store, seed {seed}, {Environment.ProcessorCount} CPUs");
        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench-kill", cancellationToken);
        await using var clock = await RestartClock.ConnectAsync(sandbox.BusAddress, cancellationToken);
        var unit = UnitName.Parse(Unit);
        await HealLatencyBench.InstallAndStartAsync(sandbox, clock.Systemd, unit, "", cancellationToken);
        var data = Directory.CreateTempSubdirectory("anna-bench-kill-data-");
        try
        {
            var drill = Stopwatch.StartNew();
            var delays = new List<TimeSpan>();
            for (var round = 1; round <= options.Trials; round++)
            {
                await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, ["failed_services"], options.Environment, data.FullName);
                await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
                var pid = await UpAsync(clock.Systemd, unit, TimeSpan.FromSeconds(60), cancellationToken)
                    ?? throw new InvalidOperationException($"round {round}: {Unit} did not come back within 60 s; Anna said:\n{anna.OutputTail()}");
                // The last kill's heal is finished (verified and recorded) before the next kill: each kill is one heal.
                if (!await SettledAsync(anna, TimeSpan.FromSeconds(60), cancellationToken))
                    throw new InvalidOperationException($"round {round}: Anna did not finish healing {Unit} within 60 s; Anna said:\n{anna.OutputTail()}");
                pid = await UpAsync(clock.Systemd, unit, TimeSpan.Zero, cancellationToken)
                    ?? throw new InvalidOperationException($"round {round}: {Unit} went down again while its heal was finished");
                Process.GetProcessById((int)pid).Kill();
                var delay = TimeSpan.FromMilliseconds(random.Next(0, 700));
                delays.Add(delay);
                await Task.Delay(delay, cancellationToken);
                // Leaving the block SIGKILLs this Anna (AnnaProcess.DisposeAsync).
                if (round % 10 == 0)
                    output.WriteLine($"  round {round} done, {drill.Elapsed.TotalSeconds:0} s");
            }

            await using var last = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, ["failed_services"], options.Environment, data.FullName);
            await last.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
            var finished = Stopwatch.StartNew();
            IReadOnlyList<JsonElement> rows = [];
            while (finished.Elapsed < TimeSpan.FromSeconds(120))
            {
                rows = await last.HistoryForAsync(Unit, cancellationToken);
                if (rows.All(r => r.GetProperty("outcome").GetString() != "in_progress") && await UpAsync(clock.Systemd, unit, TimeSpan.Zero, cancellationToken) is not null
                    && !await last.HasOpenIssueAsync(Unit, cancellationToken))
                    break;
                await Task.Delay(250, cancellationToken);
            }
            var outcomes = rows.GroupBy(r => r.GetProperty("outcome").GetString()!).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            var cut = rows.Count(r => r.GetProperty("detail").GetString()!.Contains("Anna stopped while this action ran", StringComparison.Ordinal));
            var inProgress = rows.Count(r => r.GetProperty("outcome").GetString() == "in_progress");
            var successes = rows.Count(r => r.GetProperty("outcome").GetString() == "success");
            var up = await UpAsync(clock.Systemd, unit, TimeSpan.Zero, cancellationToken) is not null;

            output.WriteLine();
            output.WriteLine("| rounds | actions | outcomes | cut off, finished by recovery | left in progress | successful heals (= rounds: none lost, none twice) | unit up at the end |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {options.Trials} | {rows.Count} | {string.Join(", ", outcomes)} | {cut} | {inProgress} | {successes} | {(up ? "yes" : "NO")} |"));
            output.WriteLine($"kill delays after the unit died: {new LatencySummary(delays).Format()}; drill took {drill.Elapsed.TotalSeconds:0} s");
            var ok = inProgress == 0 && successes == options.Trials && up;
            output.WriteLine(ok ? "every action finished, every kill healed once" : "NOT MET: see the table");
            return ok ? 0 : 1;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>True once Anna has no action of the unit in progress and no open issue about it.</summary>
    private static async Task<bool> SettledAsync(AnnaProcess anna, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var rows = await anna.HistoryForAsync(Unit, cancellationToken);
            if (rows.All(r => r.GetProperty("outcome").GetString() != "in_progress") && !await anna.HasOpenIssueAsync(Unit, cancellationToken))
                return true;
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }

    /// <summary>The unit's main pid once it is active, waiting up to <paramref name="timeout"/>; null when it is not.</summary>
    private static async Task<uint?> UpAsync(ISystemdManager systemd, UnitName unit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await systemd.GetUnitAsync(unit, cancellationToken);
            if (status.IsActive && status.MainPid > 0)
                return status.MainPid;
            if (clock.Elapsed >= timeout)
                return null;
            await Task.Delay(100, cancellationToken);
        }
    }
}
