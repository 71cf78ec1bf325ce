using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Anna.Core.Linux.Systemd;
using Anna.Core.Linux.Systemd.Sandbox;

namespace Anna.Bench;

/// <summary>
/// The kill drill at length (the suite runs 5 rounds): round after round on one store, a unit is
/// killed, the package cache (a cache of the drill's own, <c>Anna:PackageCache</c>) is filled past
/// its threshold and a scan asked for, and Anna is SIGKILLed 0–700 ms later, mid-heal, mid-cleanup
/// or around them; the next Anna starts on the same store. At the end every action must be finished
/// (none in progress), every kill healed once (as many successful heals as rounds: none lost, none
/// twice), the unit up, and every cache file written exactly once either still in the cache or in
/// quarantine, unchanged (none lost, none duplicated). Prints the outcome counts, how many actions
/// were cut off and finished by recovery, and the seed to repeat a run.
/// </summary>
internal static class KillDrillBench
{
    private const string Unit = "bench-kill-drill.service";
    // Always open: the cache cleanup can wait for a window, and the drill is about the store, not the window.
    // Every cleanup keeps its quarantine for the whole drill (history_size, rollback_timeout), so every
    // file written can be found again: one purged by retention would look lost.
    private const string Policy = "[healing]\npolicy = \"supervised\"\nsettle_seconds = 0.3\n[healing.schedule]\npreferred_hours = []\navoid_hours = []\npreferred_days = []\n" +
        "[healing.rollback]\nhistory_size = 1000\nrollback_timeout = 10080\n[healing.circuit_breaker]\nmax_failures = 100\n[probes.packages]\ncache_max_mb = 1\n";
    private const int CacheFilesPerRound = 8;
    private const int CacheFileBytes = 256 * 1024;
    private static readonly string[] Probes = ["failed_services", "package_cache"];

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
        var cache = Directory.CreateTempSubdirectory("anna-bench-kill-cache-");
        var archives = Path.Combine(cache.FullName, "archives");
        Directory.CreateDirectory(Path.Combine(archives, "partial"));
        var environment = new Dictionary<string, string>(options.Environment) { ["ANNA__PackageCache"] = cache.FullName };
        var written = new Dictionary<string, string>(StringComparer.Ordinal); // file name → SHA-256
        try
        {
            var drill = Stopwatch.StartNew();
            var delays = new List<TimeSpan>();
            for (var round = 1; round <= options.Trials; round++)
            {
                await using var anna = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, Probes, environment, data.FullName);
                await anna.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
                var pid = await UpAsync(clock.Systemd, unit, TimeSpan.FromSeconds(60), cancellationToken)
                    ?? throw new InvalidOperationException($"round {round}: {Unit} did not come back within 60 s; Anna said:\n{anna.OutputTail()}");
                // The last kill's heal is finished (verified and recorded) before the next kill: each kill is one heal.
                if (!await SettledAsync(anna, TimeSpan.FromSeconds(60), cancellationToken))
                    throw new InvalidOperationException($"round {round}: Anna did not finish healing {Unit} within 60 s; Anna said:\n{anna.OutputTail()}");
                pid = await UpAsync(clock.Systemd, unit, TimeSpan.Zero, cancellationToken)
                    ?? throw new InvalidOperationException($"round {round}: {Unit} went down again while its heal was finished");
                Fill(archives, round, random, written);
                Process.GetProcessById((int)pid).Kill();
                // The scan finds the full cache and cleans it; the kill below cuts it off anywhere, or not at all.
                _ = anna.ScanAsync(cancellationToken).ContinueWith(t => t.Exception, TaskScheduler.Default);
                var delay = TimeSpan.FromMilliseconds(random.Next(0, 700));
                delays.Add(delay);
                await Task.Delay(delay, cancellationToken);
                // Leaving the block SIGKILLs this Anna (AnnaProcess.DisposeAsync).
                if (round % 10 == 0)
                    output.WriteLine($"  round {round} done, {drill.Elapsed.TotalSeconds:0} s");
            }

            await using var last = AnnaProcess.Start(options.AnnaDll, sandbox.BusAddress, Policy, Probes, environment, data.FullName);
            await last.WaitConnectedAsync(TimeSpan.FromSeconds(60), cancellationToken);
            var finished = Stopwatch.StartNew();
            IReadOnlyList<JsonElement> rows = [];
            while (finished.Elapsed < TimeSpan.FromSeconds(120))
            {
                rows = await last.HistoryForAsync(Unit, cancellationToken);
                var cleaning = await last.ActionRowsAsync("clean_package_cache", cancellationToken);
                if (rows.Concat(cleaning).All(r => r.GetProperty("outcome").GetString() != "in_progress") && await UpAsync(clock.Systemd, unit, TimeSpan.Zero, cancellationToken) is not null
                    && !await last.HasOpenIssueAsync(Unit, cancellationToken))
                    break;
                await Task.Delay(250, cancellationToken);
            }
            var outcomes = rows.GroupBy(r => r.GetProperty("outcome").GetString()!).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            var cut = rows.Count(r => r.GetProperty("detail").GetString()!.Contains("Anna stopped while this action ran", StringComparison.Ordinal));
            var inProgress = rows.Count(r => r.GetProperty("outcome").GetString() == "in_progress");
            var successes = rows.Count(r => r.GetProperty("outcome").GetString() == "success");
            var up = await UpAsync(clock.Systemd, unit, TimeSpan.Zero, cancellationToken) is not null;
            var cleanups = (await last.ActionRowsAsync("clean_package_cache", cancellationToken)).ToList();
            var cleanupOutcomes = cleanups.GroupBy(r => r.GetProperty("outcome").GetString()!).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            var cleanupsInProgress = cleanups.Count(r => r.GetProperty("outcome").GetString() == "in_progress");
            var cleanupsCut = cleanups.Count(r => r.GetProperty("detail").GetString()!.Contains("Anna stopped while this action ran", StringComparison.Ordinal));
            var files = Account(written, [archives, data.FullName]);

            output.WriteLine();
            output.WriteLine("| rounds | actions | outcomes | cut off, finished by recovery | left in progress | successful heals (= rounds: none lost, none twice) | unit up at the end |");
            output.WriteLine("|---|---|---|---|---|---|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {options.Trials} | {rows.Count} | {string.Join(", ", outcomes)} | {cut} | {inProgress} | {successes} | {(up ? "yes" : "NO")} |"));
            output.WriteLine();
            output.WriteLine("| cache cleanups | outcomes | cut off, finished by recovery | left in progress | cache files written | in the cache | in quarantine | lost | more than once or changed |");
            output.WriteLine("|---|---|---|---|---|---|---|---|---|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {cleanups.Count} | {string.Join(", ", cleanupOutcomes)} | {cleanupsCut} | {cleanupsInProgress} | {written.Count} | {files.InCache} | {files.InQuarantine} | {files.Lost} | {files.Wrong} |"));
            output.WriteLine($"kill delays after the unit died: {new LatencySummary(delays).Format()}; drill took {drill.Elapsed.TotalSeconds:0} s");
            var ok = inProgress == 0 && successes == options.Trials && up && cleanupsInProgress == 0 && cleanups.Count > 0 && files.Lost == 0 && files.Wrong == 0;
            output.WriteLine(ok ? "every action finished, every kill healed once, every cache file kept once" : "NOT MET: see the tables");
            return ok ? 0 : 1;
        }
        finally
        {
            data.Delete(recursive: true);
            cache.Delete(recursive: true);
        }
    }

    /// <summary>Puts this round's package files into the cache, past the 1 MB threshold, and notes their hashes.</summary>
    private static void Fill(string archives, int round, Random random, Dictionary<string, string> written)
    {
        var content = new byte[CacheFileBytes];
        for (var i = 0; i < CacheFilesPerRound; i++)
        {
            random.NextBytes(content);
            var name = $"drill-r{round}-f{i}_1.0_all.deb";
            File.WriteAllBytes(Path.Combine(archives, name), content);
            written[name] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content));
        }
    }

    /// <summary>Where each written file is now: once, unchanged, in the cache or in quarantine — or lost, or there twice or changed.</summary>
    private static (int InCache, int InQuarantine, int Lost, int Wrong) Account(Dictionary<string, string> written, string[] roots)
    {
        var found = roots.SelectMany(root => Directory.EnumerateFiles(root, "drill-r*.deb", SearchOption.AllDirectories).Select(path => (root, path)))
            .GroupBy(f => Path.GetFileName(f.path), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        int inCache = 0, inQuarantine = 0, lost = 0, wrong = 0;
        foreach (var (name, hash) in written)
        {
            if (!found.TryGetValue(name, out var copies))
            {
                lost++;
                continue;
            }
            if (copies.Count > 1 || Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(copies[0].path))) != hash)
            {
                wrong++;
                continue;
            }
            if (copies[0].root == roots[0])
                inCache++;
            else
                inQuarantine++;
        }
        return (inCache, inQuarantine, lost, wrong);
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
