using System.Diagnostics;
using System.Globalization;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// Memory of the real Anna over many heals against a sandboxed systemd --user: VmRSS (and its
/// anonymous and file-backed parts) and the GC heap Anna reports, idle after start-up and then
/// every so many heals. Memory that keeps rising with heals is a leak; the target is a daemon
/// that stays small. An empty ASP.NET Core app's idle figures are shown for comparison.
/// </summary>
internal static class MemoryBench
{
    private const string HealedUnit = "bench-memory.service";
    private const long TargetIdleKiB = 80 * 1024;
    private const long TargetAfterKiB = 100 * 1024;

    private static readonly string Policy = "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.2\n";
    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AnnaFinishTimeout = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Memory: {options.Heals} heals against a sandboxed systemd --user, {Environment.ProcessorCount} CPUs, load {StartupBench.LoadAverage()}");
        output.WriteLine($"anna: {options.AnnaDll}");
        output.WriteLine($"anna runtime settings: {StartupBench.RuntimeSettings(options.AnnaDll)}{StartupBench.EnvironmentNote(options)}");

        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench", cancellationToken);
        await using var clock = await RestartClock.ConnectAsync(sandbox.BusAddress, cancellationToken);
        var unit = UnitName.Parse(HealedUnit);
        await HealLatencyBench.InstallAndStartAsync(sandbox, clock.Systemd, unit, "", cancellationToken);

        await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, ["failed_services"], options.Environment);
        var healthz = await anna.WaitHealthzAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Anna pid {anna.Pid}: /healthz after {healthz.TotalMilliseconds:0} ms"));
        await Task.Delay(StartupBench.SettleAfterStart, cancellationToken);

        output.WriteLine($"{"",-20} {"heals",6} {"time s",7} {"VmRSS",7} {"RssAnon",8} {"RssFile",8} {"RssShmem",9} {"GC heap",8}  (MiB)");
        var samples = new List<(string Point, int Heals, TimeSpan At, ProcessMemory Memory, long GcKiB)>();
        var run = Stopwatch.StartNew();
        async Task SampleAsync(string point, int heals)
        {
            samples.Add((point, heals, run.Elapsed, ProcessMemory.Read(anna.Pid), Kib(await anna.GcHeapBytesAsync(cancellationToken))));
            output.WriteLine(Row(samples[^1]));
        }
        await SampleAsync("idle after start-up", 0);

        var every = Math.Max(1, options.Heals / 10);
        var failures = 0;
        for (var i = 1; i <= options.Heals; i++)
        {
            var before = await anna.SuccessCountAsync(HealedUnit, cancellationToken);
            var trial = await clock.KillAndTimeAsync(i, unit, TrialTimeout, cancellationToken);
            if (!trial.Succeeded || !await WaitForAnnaAsync(anna, before, cancellationToken))
            {
                failures++;
                output.WriteLine($"  heal {i} did not complete: {trial.Error ?? "Anna recorded no success in time"}");
                await RecoverAsync(clock.Systemd, unit, cancellationToken);
            }
            if (i % every == 0 || i == options.Heals)
                await SampleAsync("after heals", i);
        }
        // Idle again: what stays once the work is over (a leak stays, garbage does not).
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        await SampleAsync("idle 10 s later", options.Heals);

        ProcessMemory? empty = null;
        if (options.Anchor)
        {
            using var app = await EmptyWebApp.BuildAsync(cancellationToken);
            var (process, url, sinceStart) = app.Start(options.Environment);
            using (process)
            {
                try
                {
                    _ = await HealthzClock.WaitAsync(url, process, sinceStart, TimeSpan.FromSeconds(60), cancellationToken)
                        ?? throw new TimeoutException("the empty web app did not answer /healthz");
                    await Task.Delay(StartupBench.SettleAfterStart, cancellationToken);
                    empty = ProcessMemory.Read(process.Id);
                }
                finally
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }

        output.WriteLine();
        output.WriteLine($"{"",-20} {"heals",6} {"time s",7} {"VmRSS",7} {"RssAnon",8} {"RssFile",8} {"RssShmem",9} {"GC heap",8}  (MiB; RssShmem: the runtime's JIT code, stubs and type data)");
        foreach (var s in samples)
            output.WriteLine(Row(s));
        if (empty is not null)
        {
            output.WriteLine($"{"empty ASP.NET Core",-20} {"",6} {"",7} {ProcessMemory.Mib(empty.VmRssKiB),7} {ProcessMemory.Mib(empty.RssAnonKiB),8} {ProcessMemory.Mib(empty.RssFileKiB),8} {ProcessMemory.Mib(empty.RssShmemKiB),9} {"-",8}  (idle after start-up)");
        }
        output.WriteLine($"heals: {options.Heals}, not completed: {failures}");
        var idle = samples[0].Memory.VmRssKiB;
        var after = samples[^1].Memory.VmRssKiB;
        output.WriteLine($"target: idle VmRSS <= {TargetIdleKiB / 1024} MiB: {Verdict(idle <= TargetIdleKiB)}; " +
                         $"after {options.Heals} heals <= {TargetAfterKiB / 1024} MiB: {Verdict(after <= TargetAfterKiB)}");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>True once Anna recorded one more successful heal and closed the issue.</summary>
    private static async Task<bool> WaitForAnnaAsync(AnnaProcess anna, long successesBefore, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < AnnaFinishTimeout)
        {
            await Task.Delay(20, cancellationToken);
            if (await anna.SuccessCountAsync(HealedUnit, cancellationToken) > successesBefore && !await anna.HasOpenIssueAsync(HealedUnit, cancellationToken))
            {
                // The finished heal is let go a moment after its outcome is stored.
                await Task.Delay(50, cancellationToken);
                return true;
            }
        }
        return false;
    }

    private static async Task RecoverAsync(ISystemdManager systemd, UnitName unit, CancellationToken cancellationToken)
    {
        await systemd.ResetFailedUnitAsync(unit, cancellationToken);
        if (!(await systemd.GetUnitAsync(unit, cancellationToken)).IsActive)
            await systemd.StartUnitAsync(unit, cancellationToken);
    }

    private static string Row((string Point, int Heals, TimeSpan At, ProcessMemory Memory, long GcKiB) s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{s.Point,-20} {s.Heals,6} {s.At.TotalSeconds,7:0} {ProcessMemory.Mib(s.Memory.VmRssKiB),7} {ProcessMemory.Mib(s.Memory.RssAnonKiB),8} {ProcessMemory.Mib(s.Memory.RssFileKiB),8} {ProcessMemory.Mib(s.Memory.RssShmemKiB),9} {(s.GcKiB < 0 ? "-" : ProcessMemory.Mib(s.GcKiB)),8}");

    private static long Kib(long bytes) => bytes < 0 ? -1 : bytes / 1024;

    private static string Verdict(bool met) => met ? "met" : "NOT MET";
}
