using System.Diagnostics;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// Full-scan time of the real Anna on this machine: every probe, warm, through POST /api/v1/scan,
/// per probe (time inside the probe) and for the whole request. systemd is a sandboxed user
/// manager so the failed-services probe has something real to look at; the other probes look at
/// this machine. The policy is manual, so nothing is changed.
/// </summary>
internal static class ScanBench
{
    private const double TargetTotalMs = 100;
    private const int WarmUpScans = 3;

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Anna full scan: {options.Scans} scans after {WarmUpScans} warm-up scans, {Environment.ProcessorCount} CPUs");
        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench-scan", cancellationToken);
        await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, "[healing]\npolicy = \"manual\"\n");
        await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);

        var perProbe = new Dictionary<string, List<TimeSpan>>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        var totals = new List<TimeSpan>();
        for (var i = 0; i < WarmUpScans + options.Scans; i++)
        {
            var clock = Stopwatch.StartNew();
            var runs = await anna.ScanAsync(cancellationToken);
            clock.Stop();
            if (i < WarmUpScans)
                continue;
            totals.Add(clock.Elapsed);
            foreach (var run in runs.EnumerateArray())
            {
                var probe = run.GetProperty("probe").GetString()!;
                perProbe.TryAdd(probe, []);
                perProbe[probe].Add(TimeSpan.FromMilliseconds(run.GetProperty("tookMs").GetDouble()));
                statuses[probe] = run.GetProperty("status").GetString()!;
            }
        }

        foreach (var (probe, samples) in perProbe.OrderBy(p => p.Key, StringComparer.Ordinal))
            output.WriteLine($"  {probe,-20} {new LatencySummary(samples).Format()}  [{statuses[probe]}]");
        var total = new LatencySummary(totals);
        output.WriteLine($"  {"whole scan (API)",-20} {total.Format()}");
        output.WriteLine($"  target: total median <= {TargetTotalMs} ms: {(total.Median <= TargetTotalMs ? "met" : "NOT MET")}; " +
            $"p99 <= {TargetTotalMs} ms: {(total.Percentile(99) <= TargetTotalMs ? "met" : "NOT MET")}");
        output.WriteLine($"Anna resident memory (VmRSS): {anna.ResidentKiB() / 1024.0:0.0} MiB after the scans");
        return 0;
    }
}
