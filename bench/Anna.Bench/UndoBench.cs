using Anna.Core.Vocabulary;
using Anna.Core.Linux;
using System.Diagnostics;
using System.Globalization;
using Anna.Core.Actions;
using Anna.Core.Engine;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Packages.Apt;
using Anna.Core.Linux.Processes;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Rollback;
using Anna.Server.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Bench;

/// <summary>
/// What undoable deletion costs: 1,000 files totalling 1 GiB in a temp directory on the data
/// directory's filesystem, (a) deleted outright, (b) quarantined by the real clean_package_cache
/// action through the executor (journal intent, one step recorded before the first move, rename
/// each file, verify, outcome) with the real SQLite journal, (c) moved back by UndoService,
/// (d) quarantined again and purged by retention (what rollback_timeout does later: the delete
/// that (b) put off). Every file is written and flushed first, so a delete frees real blocks, and
/// the filesystem is synced after each timed phase so that no phase pays for the one before it
/// (a delete's freed blocks are committed, and discarded, at the next journal commit).
/// </summary>
internal static class UndoBench
{
    private const int FileCount = 1000;
    private const long TotalBytes = 1L << 30;

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("anna-bench-undo-").FullName;
        var data = Path.Combine(root, "data");
        var archives = Path.Combine(root, "cache", "archives");
        Directory.CreateDirectory(archives);
        try
        {
            await using var services = new ServiceCollection().AddAnnaStore(data).BuildServiceProvider();
            await AnnaStoreInitializer.InitializeAsync(services, cancellationToken);
            var sameDevice = UnixStat.TryGet(data)!.Device == UnixStat.TryGet(archives)!.Device;
            output.WriteLine($"Undoable deletion: {FileCount} files, {ByteSize.Format(TotalBytes)} in all, {options.Runs} runs, {Environment.ProcessorCount} CPUs");
            output.WriteLine($"  files in {archives}; data directory {data} ({(sameDevice ? "same filesystem" : "ANOTHER filesystem")}); journal SQLite WAL, synchronous FULL");

            var journal = services.GetRequiredService<IActionJournal>();
            var rollback = new RollbackExecutor([new QuarantineStepUndoer()]);
            var config = new BenchHealingConfig();
            var executor = new ActionExecutor(journal, rollback, NoFaults.Instance, new RollbackStorage(data), config, TimeProvider.System);
            var undo = new UndoService(journal, rollback, new EngineEventFeed(NullLogger<EngineEventFeed>.Instance), TimeProvider.System, NullLogger<UndoService>.Instance);
            var retention = new RollbackRetention(journal, rollback, config, TimeProvider.System, NullLogger<RollbackRetention>.Instance);
            var apt = new AptPackageManager(new AptOptions
            {
                ExtraOptions = [$"Dir::Cache={Path.GetDirectoryName(archives)}"],
                ArchivesDirectory = archives,
                RebootRequiredPath = Path.Combine(root, "reboot-required"),
                LockFiles = [Path.Combine(archives, DebCache.LockFileName)],
            });
            var action = new CleanPackageCacheAction(apt, new RollbackStorage(data));

            var deletes = new List<TimeSpan>();
            var quarantines = new List<TimeSpan>();
            var undos = new List<TimeSpan>();
            var purges = new List<TimeSpan>();
            for (var run = 1; run <= options.Runs; run++)
            {
                var files = Create(archives, cancellationToken);
                var clock = Stopwatch.StartNew();
                foreach (var file in files)
                    File.Delete(file);
                deletes.Add(clock.Elapsed);
                await SyncAsync(cancellationToken);

                files = Create(archives, cancellationToken);
                var issue = Assert(await new PackageCacheProbe(apt, TimeProvider.System, thresholdBytes: 1).ScanAsync(cancellationToken));
                clock.Restart();
                var entry = await QuarantineAsync(executor, action, issue, files);
                quarantines.Add(clock.Elapsed);
                await SyncAsync(cancellationToken);

                clock.Restart();
                var undone = await undo.UndoAsync(entry.Id, "bench", force: false, cancellationToken);
                undos.Add(clock.Elapsed);
                if (undone.Status != UndoStatus.Undone || !files.All(File.Exists))
                    throw new InvalidOperationException($"undo did not bring every file back: {undone.Detail}");
                await SyncAsync(cancellationToken);

                var again = await QuarantineAsync(executor, action, issue, files);
                var record = await journal.GetAsync(again.Id, cancellationToken) ?? throw new InvalidOperationException("the action is not in the journal");
                clock.Restart();
                await retention.ExpireAsync(record, "benchmark purge", cancellationToken);
                purges.Add(clock.Elapsed);
                await SyncAsync(cancellationToken);
                if (Directory.EnumerateFiles(Path.Combine(data, "quarantine"), "*", SearchOption.AllDirectories).Any())
                    throw new InvalidOperationException("the purge left files in quarantine");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run}: delete {deletes[^1].TotalMilliseconds,8:0.0} ms   quarantine {quarantines[^1].TotalMilliseconds,8:0.0} ms   " +
                    $"undo {undos[^1].TotalMilliseconds,8:0.0} ms   purge {purges[^1].TotalMilliseconds,8:0.0} ms"));
            }

            output.WriteLine($"  (a) bare delete              {new LatencySummary(deletes).Format()}");
            output.WriteLine($"  (b) quarantine via executor  {new LatencySummary(quarantines).Format()}");
            output.WriteLine($"  (c) undo via UndoService     {new LatencySummary(undos).Format()}");
            output.WriteLine($"  (d) purge by retention       {new LatencySummary(purges).Format()}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task SyncAsync(CancellationToken cancellationToken)
    {
        var result = await new ProcessRunner().RunAsync("sync", [], TimeSpan.FromMinutes(2), cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException($"sync failed: {result.Excerpt()}");
    }

    private static async Task<HistoryEntry> QuarantineAsync(ActionExecutor executor, IHealingAction action, Issue issue, IReadOnlyList<string> files)
    {
        var intent = HistoryEntries.For(issue, action, new Decision(DecisionKind.Execute, "benchmark", ConsentLevel.Explicit),
            HealingPolicy.Autonomous, ActionOutcome.InProgress, DateTimeOffset.UtcNow);
        var (entry, result) = await executor.ExecuteAsync(issue, action, intent);
        if (!result.Succeeded || files.Any(File.Exists))
            throw new InvalidOperationException($"the quarantine did not take every file: {result.Detail}");
        return entry;
    }

    /// <summary>Writes the files (flushed to disk, so they own real blocks) and returns their paths.</summary>
    private static List<string> Create(string directory, CancellationToken cancellationToken)
    {
        var block = new byte[1 << 20];
        Random.Shared.NextBytes(block);
        var each = TotalBytes / FileCount;
        var files = new List<string>(FileCount);
        for (var i = 0; i < FileCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"bench-{i:0000}_1.0_all.deb"));
            var size = i == FileCount - 1 ? TotalBytes - each * (FileCount - 1) : each;
            using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                for (var written = 0L; written < size; written += block.Length)
                    stream.Write(block, 0, (int)Math.Min(block.Length, size - written));
                stream.Flush(flushToDisk: true);
            }
            files.Add(path);
        }
        return files;
    }

    private static Issue Assert(IReadOnlyList<Issue> issues) =>
        issues.Count == 1 ? issues[0] : throw new InvalidOperationException($"expected one package_cache issue, got {issues.Count}");
}
