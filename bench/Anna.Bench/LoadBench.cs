using System.Diagnostics;
using System.Globalization;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// Anna under load: the same kill → heal trials first on an idle Anna, then while the REST API is
/// driven at <c>--rate</c> requests a second (health and history over <c>--connections</c>
/// connections, plus an audited state change twice a second) and <c>--clients</c> live SignalR clients
/// receive every event. Reports requests/s, API latency, heal latency idle against loaded, missed
/// heals, and Anna's resident memory over the run (sampled every second) — the figure that must stay
/// flat. The long version (100,000 requests, 10,000 heals) is a matter of --trials and patience.
/// </summary>
internal static class LoadBench
{
    private const string Unit = "bench-load.service";
    private const double WritesPerSecond = 2;
    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(10);

    private static readonly string Policy = "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.2\n";

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Anna under load: {options.Trials} heals idle, then {options.Trials} heals under {options.Rate} req/s over " +
                         $"{options.Connections} connections and {options.Clients} live clients; {Environment.ProcessorCount} CPUs");
        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench-load", cancellationToken);
        await using var clock = await RestartClock.ConnectAsync(sandbox.BusAddress, cancellationToken);
        var unit = UnitName.Parse(Unit);
        await HealLatencyBench.InstallAndStartAsync(sandbox, clock.Systemd, unit, "", cancellationToken);
        await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, ["failed_services"]);
        await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var memory = new List<(TimeSpan At, long KiB)>();
        var run = Stopwatch.StartNew();
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = SampleMemoryAsync(anna, memory, run, stopSampling.Token);

        var idle = await HealAsync("idle", options.Trials, anna, clock, unit, output, cancellationToken);
        var idleEnd = run.Elapsed;

        var connections = Enumerable.Range(0, options.Connections).Select(_ => Anna.Testing.UnixSocketHttp.Create(anna.SocketPath, TimeSpan.FromSeconds(30))).ToArray();
        await using var clients = await LiveClients.ConnectAsync(anna.SocketPath, options.Clients, cancellationToken);
        output.WriteLine($"{clients.Connected} live clients connected");
        var load = new ApiLoad(connections, options.Rate, WritesPerSecond);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loadStart = Stopwatch.StartNew();
        var loading = load.RunAsync(stopLoad.Token);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken); // the load is on before the first kill
        var loaded = await HealAsync("loaded", options.Trials, anna, clock, unit, output, cancellationToken);
        await stopLoad.CancelAsync();
        await loading;
        var loadSeconds = loadStart.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // the last events reach the clients
        var received = clients.Received;
        await stopSampling.CancelAsync();
        await sampling;
        foreach (var connection in connections)
            connection.Dispose();

        output.WriteLine();
        output.WriteLine($"| | idle | under load |");
        output.WriteLine($"|---|---|---|");
        output.WriteLine($"| heal kill → active, median / p90 / p99 / max (ms) | {Row(idle.Latencies)} | {Row(loaded.Latencies)} |");
        output.WriteLine($"| missed heals (unit not back within {TrialTimeout.TotalSeconds:0} s, or no success recorded) | {idle.Missed} of {options.Trials} | {loaded.Missed} of {options.Trials} |");
        output.WriteLine();
        output.WriteLine($"API: {load.Requests} requests in {loadSeconds:0.0} s = {load.Requests / loadSeconds:0} req/s (asked {options.Rate} + {WritesPerSecond}), {load.Errors} errors");
        foreach (var kind in new[] { "health", "history", "write" })
            output.WriteLine($"  {kind,-8} {new LatencySummary(load.Latencies(kind).Select(TimeSpan.FromMilliseconds)).Format()}");
        var all = new LatencySummary(load.Latencies("health").Concat(load.Latencies("history")).Concat(load.Latencies("write")).Select(TimeSpan.FromMilliseconds));
        output.WriteLine($"  all      p50 {all.Median:0.0} ms, p99 {all.Percentile(99):0.0} ms");
        output.WriteLine($"live clients: {options.Clients}, events received in all: {received} ({(double)received / Math.Max(1, options.Clients):0.0} each)");
        output.WriteLine($"Anna VmRSS: {Mib(memory.First().KiB)} at start, {Mib(At(memory, idleEnd))} after the idle heals, " +
                         $"{Mib(memory.Last().KiB)} at the end, {Mib(memory.Max(m => m.KiB))} at most ({memory.Count} samples, one a second)");
        var heapBytes = await anna.GcHeapBytesAsync(cancellationToken);
        output.WriteLine($"Anna GC heap at the end: {heapBytes / 1048576.0:0.0} MiB");

        var healP99Ok = loaded.Latencies.Count > 0 && idle.Latencies.Count > 0
            && new LatencySummary(loaded.Latencies).Percentile(99) <= 2 * new LatencySummary(idle.Latencies).Percentile(99);
        output.WriteLine();
        output.WriteLine($"targets: no missed heal: {Verdict(idle.Missed + loaded.Missed == 0)}; heal p99 under load <= 2x idle: {Verdict(healP99Ok)}; " +
                         $"API p99 <= 50 ms: {Verdict(all.Count > 0 && all.Percentile(99) <= 50)}");
        return idle.Missed + loaded.Missed == 0 ? 0 : 1;
    }

    private static async Task<(List<TimeSpan> Latencies, int Missed)> HealAsync(string phase, int trials, AnnaProcess anna, RestartClock clock, UnitName unit,
        TextWriter output, CancellationToken cancellationToken)
    {
        var latencies = new List<TimeSpan>();
        var missed = 0;
        for (var i = 1; i <= trials; i++)
        {
            var before = await HealLatencyBench.SuccessCountAsync(anna, Unit, cancellationToken);
            var trial = await clock.KillAndTimeAsync(i, unit, TrialTimeout, cancellationToken);
            var problem = await HealLatencyBench.WaitForAnnaAsync(anna, Unit, before, cancellationToken);
            if (trial.Succeeded && problem is null)
            {
                latencies.Add(trial.Total!.Value);
                continue;
            }
            missed++;
            output.WriteLine($"  {phase} trial {i} missed: {trial.Error ?? problem}");
            await HealLatencyBench.RecoverAsync(clock.Systemd, unit, cancellationToken);
        }
        return (latencies, missed);
    }

    private static async Task SampleMemoryAsync(AnnaProcess anna, List<(TimeSpan, long)> samples, Stopwatch run, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            samples.Add((run.Elapsed, anna.ResidentKiB()));
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static long At(List<(TimeSpan At, long KiB)> samples, TimeSpan at) => samples.LastOrDefault(s => s.At <= at, samples[0]).KiB;

    private static string Row(List<TimeSpan> latencies)
    {
        if (latencies.Count == 0)
            return "—";
        var s = new LatencySummary(latencies);
        return string.Create(CultureInfo.InvariantCulture, $"{s.Median:0.0} / {s.Percentile(90):0.0} / {s.Percentile(99):0.0} / {s.Max:0.0}");
    }

    private static string Verdict(bool met) => met ? "met" : "NOT MET";

    private static string Mib(long kib) => string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0:0.0} MiB");
}
