using System.Diagnostics;
using System.Globalization;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// Heal latency of the real Anna against a sandboxed systemd --user: SIGKILL a unit's main
/// process and time until the unit is active again with a new main pid. For comparison, the same
/// measurement for systemd's own Restart=always, which Anna leaves alone.
/// </summary>
internal static class HealLatencyBench
{
    private const string HealedUnit = "bench-heal.service";
    private const string RestartAlwaysUnit = "bench-restart-always.service";
    private const double SettleSeconds = 0.2;
    private const double TargetMedianMs = 50;
    private const double TargetP99Ms = 250;

    private static readonly string Policy = string.Create(CultureInfo.InvariantCulture,
        $"[healing]\npolicy = \"supervised\"\nsettle_seconds = {SettleSeconds}\n");

    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AnnaFinishTimeout = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Anna heal latency: {options.Trials} trials against a sandboxed systemd --user, {Environment.ProcessorCount} CPUs");
        output.WriteLine($"anna: {options.AnnaDll}");
        output.WriteLine($"anna runtime settings: {StartupBench.RuntimeSettings(options.AnnaDll)}{StartupBench.EnvironmentNote(options)}");

        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench", cancellationToken);
        await using var clock = await RestartClock.ConnectAsync(sandbox.BusAddress, cancellationToken);
        var healed = UnitName.Parse(HealedUnit);
        var restartAlways = UnitName.Parse(RestartAlwaysUnit);
        await InstallAndStartAsync(sandbox, clock.Systemd, healed, "", cancellationToken);
        await InstallAndStartAsync(sandbox, clock.Systemd, restartAlways, "Restart=always", cancellationToken);

        await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, ["failed_services"], options.Environment);
        var startup = Stopwatch.StartNew();
        await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
        output.WriteLine($"Anna pid {anna.Pid} connected after {startup.Elapsed.TotalSeconds:0.0} s");
        // Let start-up work (first scan, store warm-up) finish before calling it idle.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var idleKiB = anna.ResidentKiB();

        var annaTrials = new List<KillTrial>();
        for (var i = 1; i <= options.Trials; i++)
        {
            var successesBefore = await SuccessCountAsync(anna, HealedUnit, cancellationToken);
            var trial = await clock.KillAndTimeAsync(i, healed, TrialTimeout, cancellationToken);
            annaTrials.Add(trial);
            if (!trial.Succeeded)
                output.WriteLine($"  trial {i} FAILED: {trial.Error}");
            if (await WaitForAnnaAsync(anna, HealedUnit, successesBefore, cancellationToken) is { } problem)
            {
                output.WriteLine($"  trial {i}: {problem}");
                await RecoverAsync(clock.Systemd, healed, cancellationToken);
            }
        }
        var afterKiB = anna.ResidentKiB();

        var baselineTrials = new List<KillTrial>();
        for (var i = 1; i <= options.BaselineTrials; i++)
        {
            var trial = await clock.KillAndTimeAsync(i, restartAlways, TrialTimeout, cancellationToken);
            baselineTrials.Add(trial);
            if (!trial.Succeeded)
                output.WriteLine($"  Restart=always trial {i} FAILED: {trial.Error}");
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        }
        // Give Anna every chance to (wrongly) act on the Restart=always unit before looking.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var restartAlwaysRows = (await anna.HistoryForAsync(RestartAlwaysUnit, cancellationToken)).Count;
        var annaRows = await anna.HistoryForAsync(HealedUnit, cancellationToken);

        output.WriteLine();
        var total = new LatencySummary(annaTrials.Where(t => t.Succeeded).Select(t => t.Total!.Value));
        output.WriteLine($"Anna (supervised, settle_seconds = {SettleSeconds.ToString(CultureInfo.InvariantCulture)}), unit without Restart=:");
        output.WriteLine($"  kill -> active, new pid   {total.Format()}");
        output.WriteLine($"  kill -> left active       {Downs(annaTrials).Format()}");
        if (annaTrials is [{ Total: { } first }, _, ..])
        {
            // The first heal runs cold code paths (JIT, first history insert); shown apart, not dropped.
            output.WriteLine($"  first heal alone: {first.TotalMilliseconds:0.0} ms; trials 2..{annaTrials.Count}: " +
                             new LatencySummary(annaTrials.Skip(1).Where(t => t.Succeeded).Select(t => t.Total!.Value)).Format());
        }
        output.WriteLine($"  trials: {annaTrials.Count}, failed: {annaTrials.Count(t => !t.Succeeded)}; " +
                         $"history rows: {annaRows.Count} ({annaRows.Count(IsSuccess)} success)");
        if (total.Count > 0)
        {
            output.WriteLine($"  target: median <= {TargetMedianMs} ms: {Verdict(total.Median <= TargetMedianMs)}; " +
                             $"p99 <= {TargetP99Ms} ms: {Verdict(total.Percentile(99) <= TargetP99Ms)}");
        }
        output.WriteLine($"systemd Restart=always (default RestartSec=100ms), Anna not acting:");
        output.WriteLine($"  kill -> active, new pid   {new LatencySummary(baselineTrials.Where(t => t.Succeeded).Select(t => t.Total!.Value)).Format()}");
        output.WriteLine($"  kill -> left active       {Downs(baselineTrials).Format()}");
        output.WriteLine($"  trials: {baselineTrials.Count}, failed: {baselineTrials.Count(t => !t.Succeeded)}; " +
                         $"Anna history rows for it: {restartAlwaysRows} (expected 0)");
        output.WriteLine($"Anna resident memory (VmRSS): {Mib(idleKiB)} after start-up (connected, idle), {Mib(afterKiB)} after {annaTrials.Count} heals");

        var ok = annaTrials.All(t => t.Succeeded) && baselineTrials.All(t => t.Succeeded) && restartAlwaysRows == 0;
        return ok ? 0 : 1;
    }

    internal static async Task InstallAndStartAsync(UserManagerSandbox sandbox, ISystemdManager systemd, UnitName unit, string serviceExtra, CancellationToken cancellationToken)
    {
        await sandbox.InstallUnitAsync(unit.Value, $"""
            [Unit]
            Description=Anna bench unit
            StartLimitIntervalSec=0

            [Service]
            ExecStart=/bin/sleep infinity
            {serviceExtra}
            """, cancellationToken);
        var job = await systemd.StartUnitAsync(unit, cancellationToken);
        if (job != "done")
            throw new InvalidOperationException($"starting {unit} ended with '{job}'");
    }

    /// <summary>
    /// Waits until Anna recorded one more successful heal of the unit and closed its issue, then a
    /// little longer so the next kill cannot fall into the moment the finished heal is being let go.
    /// Returns what went wrong, or null.
    /// </summary>
    internal static async Task<string?> WaitForAnnaAsync(AnnaProcess anna, string unit, long successesBefore, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < AnnaFinishTimeout)
        {
            await Task.Delay(50, cancellationToken);
            // The total from the history's own count: a page of rows stops counting at its size.
            if (await anna.SuccessCountAsync(unit, cancellationToken) > successesBefore && !await anna.HasOpenIssueAsync(unit, cancellationToken))
            {
                await Task.Delay(100, cancellationToken);
                return null;
            }
        }
        var newest = (await anna.HistoryForAsync(unit, cancellationToken)).FirstOrDefault();
        return $"Anna did not record a successful heal within {AnnaFinishTimeout.TotalSeconds:0} s " +
               $"(newest row: {(newest.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "none" : newest.ToString())})";
    }

    /// <summary>After a failed trial, bring the unit back by hand so the next trial starts clean.</summary>
    internal static async Task RecoverAsync(ISystemdManager systemd, UnitName unit, CancellationToken cancellationToken)
    {
        await systemd.ResetFailedUnitAsync(unit, cancellationToken);
        if (!(await systemd.GetUnitAsync(unit, cancellationToken)).IsActive)
            await systemd.StartUnitAsync(unit, cancellationToken);
    }

    internal static Task<long> SuccessCountAsync(AnnaProcess anna, string unit, CancellationToken cancellationToken) =>
        anna.SuccessCountAsync(unit, cancellationToken);

    private static bool IsSuccess(System.Text.Json.JsonElement row) => row.GetProperty("outcome").GetString() == "success";

    private static LatencySummary Downs(IEnumerable<KillTrial> trials) =>
        new(trials.Where(t => t.Down is not null).Select(t => t.Down!.Value));

    private static string Verdict(bool met) => met ? "met" : "NOT MET";

    private static string Mib(long kib) => string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0:0.0} MiB");
}
