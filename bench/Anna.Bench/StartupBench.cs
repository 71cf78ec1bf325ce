using System.Globalization;
using System.Text.Json;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// Start-up of the real Anna: process start → /healthz answers 200, and resident memory once it
/// has settled after start-up, over several restarts on one kept store (as a daemon restarts),
/// side by side with an empty ASP.NET Core app started the same way.
/// </summary>
internal static class StartupBench
{
    private const double TargetMs = 1000;
    private const long TargetIdleKiB = 80 * 1024;
    private const string Policy = "[healing]\npolicy = \"supervised\"\n";

    /// <summary>Resident memory is read this long after the process started: start-up work (first scan) is done by then.</summary>
    internal static readonly TimeSpan SettleAfterStart = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"Start-up: {options.Starts} restarts each, {Environment.ProcessorCount} CPUs, load {LoadAverage()}");
        output.WriteLine($"anna: {options.AnnaDll}");
        output.WriteLine($"anna runtime settings: {RuntimeSettings(options.AnnaDll)}{EnvironmentNote(options)}");

        if (options.Versus is not null)
            output.WriteLine($"versus: {options.Versus} ({RuntimeSettings(options.Versus)}); starts alternate, each on its own store");

        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench", cancellationToken);
        var store = Directory.CreateTempSubdirectory("anna-bench-store-");
        var versusStore = options.Versus is null ? null : Directory.CreateTempSubdirectory("anna-bench-store-");
        var anna = new List<StartupTrial>();
        var versus = new List<StartupTrial>();
        TimeSpan first;
        try
        {
            // The first start creates and migrates the store; a daemon does that once, so it is shown apart.
            first = (await StartAnnaAsync(options, options.AnnaDll, sandbox.BusAddress, store.FullName, cancellationToken)).Healthz;
            if (options.Versus is not null)
                await StartAnnaAsync(options, options.Versus, sandbox.BusAddress, versusStore!.FullName, cancellationToken);
            // Alternating starts of the two builds share whatever else the machine is doing at the time.
            for (var i = 0; i < options.Starts; i++)
            {
                anna.Add(await StartAnnaAsync(options, options.AnnaDll, sandbox.BusAddress, store.FullName, cancellationToken, output));
                if (options.Versus is not null)
                    versus.Add(await StartAnnaAsync(options, options.Versus, sandbox.BusAddress, versusStore!.FullName, cancellationToken, output));
            }
        }
        finally
        {
            store.Delete(recursive: true);
            versusStore?.Delete(recursive: true);
        }

        var empty = new List<StartupTrial>();
        if (options.Anchor)
        {
            using var app = await EmptyWebApp.BuildAsync(cancellationToken);
            for (var i = 0; i < options.Starts; i++)
                empty.Add(await StartEmptyAsync(app, options, cancellationToken));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first start (creates the store): {first.TotalMilliseconds:0} ms"));
        output.WriteLine($"{"",-22} {"start -> /healthz 200",-66} {"VmRSS",7} {"RssAnon",8} {"RssShmem",9} {"GC heap",8}  (MiB, medians, {SettleAfterStart.TotalSeconds:0} s after start)");
        Print(output, "Anna (restart)", anna);
        if (versus.Count > 0)
            Print(output, "versus (restart)", versus);
        if (empty.Count > 0)
            Print(output, "empty ASP.NET Core", empty);
        var median = new LatencySummary(anna.Select(t => t.Healthz));
        var idle = Median(anna.Select(t => t.Memory.VmRssKiB));
        output.WriteLine($"target: start -> /healthz <= {TargetMs} ms (median): {Verdict(median.Median <= TargetMs)}; " +
                         $"idle VmRSS <= {TargetIdleKiB / 1024} MiB: {Verdict(idle <= TargetIdleKiB)}");
        var playwright = anna.Count(t => t.PlaywrightMapped);
        output.WriteLine($"load after the runs: {LoadAverage()}");
        output.WriteLine($"assemblies mapped by Anna: {Median(anna.Select(t => (long)t.AssembliesMapped))}; Playwright mapped: {(playwright == 0 ? "never" : $"in {playwright} of {anna.Count} starts")}");
        return playwright == 0 ? 0 : 1;
    }

    private static async Task<StartupTrial> StartAnnaAsync(BenchOptions options, string annaPath, string busAddress, string store, CancellationToken cancellationToken, TextWriter? output = null)
    {
        var environment = options.ShowOutput
            ? new Dictionary<string, string>(options.Environment) { ["Logging__LogLevel__Anna.Server.Hosting.StartupClock"] = "Debug" }
            : options.Environment;
        await using var anna = AnnaProcess.Start(annaPath, busAddress, Policy, environment: environment, dataDir: store);
        var healthz = await anna.WaitHealthzAsync(TimeSpan.FromSeconds(60), cancellationToken);
        await Task.Delay(SettleAfterStart - healthz > TimeSpan.Zero ? SettleAfterStart - healthz : TimeSpan.Zero, cancellationToken);
        var memory = ProcessMemory.Read(anna.Pid);
        var gc = await anna.GcHeapBytesAsync(cancellationToken);
        var maps = MappedAssemblies(anna.Pid);
        if (options.ShowOutput && output is not null)
        {
            // Where the time went, as Anna itself saw it, next to the time the bench saw.
            foreach (var line in anna.OutputTail().Split('\n').Where(l => l.Contains("Start-up, ms", StringComparison.Ordinal)))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(annaPath == options.AnnaDll ? "anna" : "versus")} /healthz {healthz.TotalMilliseconds:0} ms; {line.Trim()}"));
        }
        return new StartupTrial(healthz, memory, gc < 0 ? -1 : gc / 1024, maps.Count, maps.Any(m => m.Contains("Playwright", StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<StartupTrial> StartEmptyAsync(EmptyWebApp app, BenchOptions options, CancellationToken cancellationToken)
    {
        var (process, healthz, sinceStart) = app.Start(options.Environment);
        using (process)
        {
            try
            {
                var elapsed = await HealthzClock.WaitAsync(healthz, process, sinceStart, TimeSpan.FromSeconds(60), cancellationToken)
                              ?? throw new TimeoutException("the empty web app did not answer /healthz");
                await Task.Delay(SettleAfterStart - elapsed > TimeSpan.Zero ? SettleAfterStart - elapsed : TimeSpan.Zero, cancellationToken);
                return new StartupTrial(elapsed, ProcessMemory.Read(process.Id), -1, MappedAssemblies(process.Id).Count, false);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private static void Print(TextWriter output, string name, List<StartupTrial> trials) =>
        output.WriteLine($"{name,-22} {new LatencySummary(trials.Select(t => t.Healthz)).Format(),-66} " +
                         $"{ProcessMemory.Mib(Median(trials.Select(t => t.Memory.VmRssKiB))),7} " +
                         $"{ProcessMemory.Mib(Median(trials.Select(t => t.Memory.RssAnonKiB))),8} " +
                         $"{ProcessMemory.Mib(Median(trials.Select(t => t.Memory.RssShmemKiB))),9} " +
                         $"{(trials[0].GcHeapKiB < 0 ? "-" : ProcessMemory.Mib(Median(trials.Select(t => t.GcHeapKiB)))),8}");

    /// <summary>The distinct .dll files the process has mapped (what it loaded).</summary>
    internal static HashSet<string> MappedAssemblies(int pid) =>
        [.. File.ReadLines($"/proc/{pid}/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6 && f[^1].EndsWith(".dll", StringComparison.Ordinal)).Select(f => f[^1])];

    internal static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[(sorted.Length - 1) / 2];
    }

    /// <summary>The configProperties of the runtimeconfig.json next to Anna (GC mode, tiering…), as the build wrote them.</summary>
    internal static string RuntimeSettings(string anna)
    {
        var config = Path.Combine(Path.GetDirectoryName(anna)!, "anna.runtimeconfig.json");
        if (!File.Exists(config))
            return "(no anna.runtimeconfig.json)";
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            ? string.Join(", ", properties.EnumerateObject()
                .Where(p => p.Name.StartsWith("System.GC", StringComparison.Ordinal) || p.Name.StartsWith("System.Runtime.Tiered", StringComparison.Ordinal))
                .Select(p => $"{p.Name}={p.Value}"))
            : "(none)";
    }

    internal static string EnvironmentNote(BenchOptions options) =>
        options.Environment.Count == 0 ? "" : "; environment: " + string.Join(' ', options.Environment.Select(e => $"{e.Key}={e.Value}"));

    internal static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static string Verdict(bool met) => met ? "met" : "NOT MET";
}
