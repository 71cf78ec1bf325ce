using System.Diagnostics;
using System.Globalization;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// Anna under load: the same kill → heal trials first on an idle Anna, then while the REST API is
/// driven at <c>--rate</c> requests a second (health and history over <c>--connections</c>
/// connections, plus an audited state change 1.5 times a second, under the default limit) and <c>--clients</c> live SignalR clients
/// receive every event. Reports requests/s, API latency, heal latency idle against loaded, missed
/// heals, and Anna's resident memory over the run (sampled every second) — the figure that must stay
/// flat. The long version (100,000 requests, 10,000 heals) is a matter of --trials and patience;
/// --idle-trials keeps the idle part short then, and --minutes bounds the loaded part: when the budget
/// runs out the heals stop and everything is reported for the heals done.
/// Memory is reported as a table (start, halfway through the idle heals, after them, each quarter of
/// the loaded heals, end) and as the slope of RssAnon over the second half of each phase, per 1,000
/// heals and per 100,000 requests: the first half is warm-up, what still grows after it is growth.
/// Anna runs with the service's MALLOC_ARENA_MAX=2 (deploy/anna.service) unless --env says otherwise;
/// what ships is the published build (scripts/package.sh: ReadyToRun, no tiered compilation), so pass
/// --anna path/to/published/anna to measure that — a plain build compiles its code at run time and
/// keeps recompiling hot methods, which shows up as memory that ships do not have.
/// </summary>
internal static class LoadBench
{
    private const string Unit = "bench-load.service";
    // Below Anna's default limit of 120 state changes a minute per identity (fixed windows): at exactly 2 a second,
    // a write sent late and caught up put a 121st into one window now and then, refused with 429 (one in ~92,000 requests).
    private const double WritesPerSecond = 1.5;
    private static readonly TimeSpan TrialTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What deploy/anna.service sets for the daemon's glibc malloc.</summary>
    private static readonly KeyValuePair<string, string> ServiceMalloc = new("MALLOC_ARENA_MAX", "2");

    private static readonly string Policy = "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.2\n";

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var idleTrials = options.IdleTrials ?? options.Trials;
        output.WriteLine($"Anna under load: {idleTrials} heals idle, then {options.Trials} heals under {options.Rate} req/s over " +
                         $"{options.Connections} clients (at most {ApiLoad.SocketsPerClient} sockets each) and {options.Clients} live clients; {Environment.ProcessorCount} CPUs");
        var environment = new Dictionary<string, string>(options.Environment);
        environment.TryAdd(ServiceMalloc.Key, ServiceMalloc.Value);
        output.WriteLine($"anna: {options.AnnaDll} ({(IsPublished(options.AnnaDll) ? "published" : "a plain build, not what the package ships")}); load {StartupBench.LoadAverage()}");
        output.WriteLine($"anna runtime settings: {StartupBench.RuntimeSettings(options.AnnaDll)}; environment: {string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"))}");
        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench-load", cancellationToken);
        await using var clock = await RestartClock.ConnectAsync(sandbox.BusAddress, cancellationToken);
        var unit = UnitName.Parse(Unit);
        await HealLatencyBench.InstallAndStartAsync(sandbox, clock.Systemd, unit, "", cancellationToken);
        await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, ["failed_services"], environment);
        await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        ApiLoad? load = null;
        if (options.Samples is not null)
            File.Delete(options.Samples);
        var trace = new MemoryTrace(anna, () => load?.Requests ?? 0, options.Samples);
        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = trace.RunAsync(stopSampling.Token);

        var idle = await HealAsync("idle", idleTrials, null, anna, clock, unit, trace, output, cancellationToken);
        var idleEnd = trace.Elapsed;

        var connections = Enumerable.Range(0, options.Connections).Select(_ => ApiLoad.Client(anna.SocketPath)).ToArray();
        await using var clients = await LiveClients.ConnectAsync(anna.SocketPath, options.Clients, cancellationToken);
        output.WriteLine($"{clients.Connected} live clients connected");
        load = new ApiLoad(connections, options.Rate, WritesPerSecond);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loadStart = Stopwatch.StartNew();
        var cpuFrom = (Anna: anna.ProcessorTime(), Bench: Process.GetCurrentProcess().TotalProcessorTime);
        var loadFrom = trace.Elapsed;
        var loading = load.RunAsync(stopLoad.Token);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken); // the load is on before the first kill
        var budget = options.Minutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (TimeSpan?)null;
        var loaded = await HealAsync("loaded", options.Trials, budget, anna, clock, unit, trace, output, cancellationToken);
        if (loaded.Done < options.Trials)
            output.WriteLine($"the {options.Minutes}-minute budget ran out after {loaded.Done} of {options.Trials} loaded heals; what follows is for those");
        await stopLoad.CancelAsync();
        await loading;
        var loadSeconds = loadStart.Elapsed.TotalSeconds;
        var cpu = (Anna: anna.ProcessorTime() - cpuFrom.Anna, Bench: Process.GetCurrentProcess().TotalProcessorTime - cpuFrom.Bench);
        var loadEnd = trace.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // the last events reach the clients
        var received = clients.Received;
        await stopSampling.CancelAsync();
        await sampling;
        var end = await trace.SampleAsync(cancellationToken);
        var memory = trace.Samples;
        foreach (var connection in connections)
            connection.Dispose();

        output.WriteLine();
        output.WriteLine($"| | idle | under load |");
        output.WriteLine($"|---|---|---|");
        output.WriteLine($"| heal kill → active, median / p90 / p99 / max (ms) | {Row(idle.Latencies)} | {Row(loaded.Latencies)} |");
        output.WriteLine($"| kill → systemd noticed | {Row(idle.Down)} | {Row(loaded.Down)} |");
        output.WriteLine($"| systemd noticed → Anna began the heal (signal, decision) | {Row(idle.Noticing)} | {Row(loaded.Noticing)} |");
        output.WriteLine($"| Anna began → active (journal, restart job, start) | {Row(idle.Acting)} | {Row(loaded.Acting)} |");
        output.WriteLine($"| missed heals (unit not back within {TrialTimeout.TotalSeconds:0} s, or no success recorded) | {idle.Missed} of {idleTrials} | {loaded.Missed} of {loaded.Done} |");
        output.WriteLine();
        output.WriteLine($"API: {load.Requests} requests in {loadSeconds:0.0} s = {load.Requests / loadSeconds:0} req/s (asked {options.Rate} + {WritesPerSecond}), {load.Errors} errors{(load.Errors > 0 ? $" ({load.ErrorCauses})" : "")}");
        foreach (var kind in new[] { "health", "history", "write" })
            output.WriteLine($"  {kind,-8} {new LatencySummary(load.Latencies(kind).Select(TimeSpan.FromMilliseconds)).Format()}");
        // CPU per request is the figure a shared machine does not blur: latency is queueing for CPU, and
        // what another session takes from the two CPUs shows in the tail, not in what each request costs.
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU while loaded: Anna {cpu.Anna.TotalSeconds:0.0} s ({cpu.Anna.TotalSeconds / loadSeconds:0.00} CPUs, " +
            $"{cpu.Anna.TotalMilliseconds / Math.Max(1, load.Requests):0.00} ms a request, heals and live clients included); the bench itself {cpu.Bench.TotalSeconds:0.0} s"));
        var all = new LatencySummary(load.Latencies("health").Concat(load.Latencies("history")).Concat(load.Latencies("write")).Select(TimeSpan.FromMilliseconds));
        output.WriteLine($"  all      p50 {all.Median:0.0} ms, p99 {all.Percentile(99):0.0} ms");
        output.WriteLine($"live clients: {options.Clients}, events received in all: {received} ({(double)received / Math.Max(1, options.Clients):0.0} each)");
        output.WriteLine($"Anna VmRSS: {Mib(memory[0].Process.VmRssKiB)} at start, {Mib(At(memory, idleEnd).Process.VmRssKiB)} after the idle heals, " +
                         $"{Mib(end.Process.VmRssKiB)} at the end, {Mib(memory.Max(m => m.Process.VmRssKiB))} at most ({memory.Count} samples, one a second)");
        var heapBytes = await anna.GcHeapBytesAsync(cancellationToken);
        output.WriteLine($"Anna GC heap at the end: {heapBytes / 1048576.0:0.0} MiB");
        WriteMemory(trace, idleTrials, loaded.Done, idleEnd, loadFrom, loadEnd, output);

        var healP99Ok = loaded.Latencies.Count > 0 && idle.Latencies.Count > 0
            && new LatencySummary(loaded.Latencies).Percentile(99) <= 2 * new LatencySummary(idle.Latencies).Percentile(99);
        output.WriteLine();
        output.WriteLine($"targets: no missed heal: {Verdict(idle.Missed + loaded.Missed == 0)}; heal p99 under load <= 2x idle: {Verdict(healP99Ok)}; " +
                         $"API p99 <= 50 ms: {Verdict(all.Count > 0 && all.Percentile(99) <= 50)}");
        return idle.Missed + loaded.Missed == 0 ? 0 : 1;
    }

    /// <param name="budget">How long the phase may take; the trial under way when it runs out is the last.</param>
    private static async Task<HealRun> HealAsync(string phase, int trials, TimeSpan? budget, AnnaProcess anna, RestartClock clock, UnitName unit,
        MemoryTrace trace, TextWriter output, CancellationToken cancellationToken)
    {
        var timings = new List<HealTiming>();
        var missed = 0;
        var phaseClock = Stopwatch.StartNew();
        for (var i = 1; i <= trials && (budget is null || phaseClock.Elapsed < budget); i++)
        {
            var before = await HealLatencyBench.SuccessCountAsync(anna, Unit, cancellationToken);
            var trial = await clock.KillAndTimeAsync(i, unit, TrialTimeout, cancellationToken);
            var problem = await HealLatencyBench.WaitForAnnaAsync(anna, Unit, before, cancellationToken);
            trace.HealDone();
            if (trial.Succeeded && problem is null)
            {
                var began = await anna.NewestSuccessStartedAtAsync(Unit, cancellationToken);
                timings.Add(new HealTiming(trial.Total!.Value, trial.Down, began - trial.KilledAt));
                continue;
            }
            missed++;
            output.WriteLine($"  {phase} trial {i} missed: {trial.Error ?? problem}");
            await HealLatencyBench.RecoverAsync(clock.Systemd, unit, cancellationToken);
        }
        return new HealRun(timings, missed);
    }

    /// <summary>The memory table at the run's landmarks and the slopes that say whether it still grows.</summary>
    private static void WriteMemory(MemoryTrace trace, int idleTrials, int trials, TimeSpan idleEnd, TimeSpan loadFrom, TimeSpan loadEnd, TextWriter output)
    {
        var memory = trace.Samples;
        output.WriteLine();
        output.WriteLine($"Anna's memory ({memory.Count} samples, one a second; RssShmem: the runtime's JIT code, stubs and type data):");
        output.WriteLine($"{"",-22} {MemoryTrace.Header}");
        output.WriteLine($"{"start",-22} {MemoryTrace.Row(memory[0])}");
        output.WriteLine($"{"idle, half the heals",-22} {MemoryTrace.Row(AfterHeals(memory, idleTrials / 2))}");
        output.WriteLine($"{"after the idle heals",-22} {MemoryTrace.Row(At(memory, idleEnd))}");
        foreach (var quarter in new[] { 1, 2, 3 })
            output.WriteLine($"{$"loaded, {quarter}/4 of heals",-22} {MemoryTrace.Row(AfterHeals(memory, idleTrials + trials * quarter / 4))}");
        output.WriteLine($"{"after the load",-22} {MemoryTrace.Row(At(memory, loadEnd))}");
        output.WriteLine($"{"end (2 s later)",-22} {MemoryTrace.Row(memory[^1])}");

        output.WriteLine("Growth over the second half of each phase (least squares, ± standard error):");
        Slope("idle heals", "RssAnon", trace.Slope(TimeSpan.Zero, idleEnd, s => s.Heals / 1000.0, s => s.Process.RssAnonKiB), "MiB per 1,000 heals");
        Slope("idle heals", "VmRSS", trace.Slope(TimeSpan.Zero, idleEnd, s => s.Heals / 1000.0, s => s.Process.VmRssKiB), "MiB per 1,000 heals");
        Slope("loaded", "RssAnon", trace.Slope(loadFrom, loadEnd, s => s.Heals / 1000.0, s => s.Process.RssAnonKiB), "MiB per 1,000 heals");
        Slope("loaded", "RssAnon", trace.Slope(loadFrom, loadEnd, s => s.Requests / 100_000.0, s => s.Process.RssAnonKiB), "MiB per 100,000 requests");
        Slope("loaded", "VmRSS", trace.Slope(loadFrom, loadEnd, s => s.Requests / 100_000.0, s => s.Process.VmRssKiB), "MiB per 100,000 requests");
        Slope("loaded", "GC heap", trace.Slope(loadFrom, loadEnd, s => s.Requests / 100_000.0, s => s.Runtime.HeapBytes < 0 ? -1 : s.Runtime.HeapBytes / 1024),
            "MiB per 100,000 requests");

        void Slope(string phase, string figure, MemorySlope? slope, string unit) =>
            output.WriteLine(slope is null
                ? $"  {phase,-10} {figure,-8} —"
                : string.Create(CultureInfo.InvariantCulture, $"  {phase,-10} {figure,-8} {slope.Slope,7:+0.00;-0.00} ± {slope.StandardError:0.00} {unit} ({slope.Points} samples)"));
    }

    private static MemorySample At(IReadOnlyList<MemorySample> samples, TimeSpan at) => samples.LastOrDefault(s => s.At <= at, samples[0]);

    private static MemorySample AfterHeals(IReadOnlyList<MemorySample> samples, int heals) => samples.FirstOrDefault(s => s.Heals >= heals, samples[^1]);

    private static bool IsPublished(string anna) => !anna.EndsWith(".dll", StringComparison.Ordinal);

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
