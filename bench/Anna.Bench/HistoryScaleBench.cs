using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Linux.Systemd.Sandbox;
using Anna.Core.Rollback;
using Anna.Core.Samples;
using Anna.Core.Sessions;
using Anna.Core.Vocabulary;
using Anna.Server.Api;
using Anna.Server.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Bench;

/// <summary>
/// History at scale: fills a store with a year of history (1,000,000 rows, 100,000 sessions by
/// default) through the store's own write path — the daemon's mapping, context and journal, in
/// batches — then times what the API answers from it (stats, insights, history pages and filters,
/// sessions) warm, in-process, through the endpoints' own handlers; then the daemon's start-up on
/// that store next to an empty one, and the file's size.
/// </summary>
internal static class HistoryScaleBench
{
    private const int Batch = 5000;
    private const int WarmUps = 2;
    private const double ReadTargetMs = 50;
    private const double ReportTargetMs = 200;
    private const string Policy = "[healing]\npolicy = \"supervised\"\n";

    /// <summary>The newest actions are written one by one through the stores' own calls, as the engine writes them.</summary>
    private const int OneByOne = 200;

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"History at scale: {options.Rows:N0} history rows, {options.Sessions:N0} sessions, {options.Trials} timed reads each (after {WarmUps} warm-ups), " +
                         $"{Environment.ProcessorCount} CPUs, load {StartupBench.LoadAverage()}");
        var keep = options.Db is not null;
        var data = options.Db ?? Directory.CreateTempSubdirectory("anna-bench-history-").FullName;
        try
        {
            var now = DateTimeOffset.UtcNow;
            await using (var services = new ServiceCollection().AddAnnaStore(data).BuildServiceProvider())
            {
                var location = services.GetRequiredService<AnnaStoreLocation>();
                var existed = File.Exists(location.DatabasePath);
                var migrate = Stopwatch.StartNew();
                await AnnaStoreInitializer.InitializeAsync(services, cancellationToken);
                output.WriteLine(existed
                    ? string.Create(CultureInfo.InvariantCulture, $"store: {location.DatabasePath} (kept from an earlier run; opened and brought up to date in {migrate.Elapsed.TotalSeconds:0.0} s)")
                    : $"store: {location.DatabasePath} (new)");
                var contexts = services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
                await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                {
                    if (!await db.ActionHistory.AnyAsync(cancellationToken))
                        await FillAsync(services, new HistoryScaleCorpus(options.Rows, options.Sessions, now), output, cancellationToken);
                    else
                        now = await db.ActionHistory.MaxAsync(h => h.StartedAt, cancellationToken);
                    output.WriteLine($"history rows: {await db.ActionHistory.LongCountAsync(cancellationToken):N0}, journal records: {await db.ActionJournal.LongCountAsync(cancellationToken):N0}, " +
                                     $"sessions: {await db.HealingSessions.LongCountAsync(cancellationToken):N0}, issue rows: {await db.Issues.LongCountAsync(cancellationToken):N0}");
                }
                await ReportSizeAsync(contexts, location, output, cancellationToken);
                await MeasureReadsAsync(services, now, options, output, cancellationToken);
            }
            // The daemon opens the file alone, as it would after a restart.
            SqliteConnection.ClearAllPools();
            if (options.Startup)
                await MeasureStartupAsync(options, data, output, cancellationToken);
            await MeasureRetentionAsync(data, options, output, cancellationToken);
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!keep)
                Directory.Delete(data, recursive: true);
        }
    }

    private static async Task FillAsync(IServiceProvider services, HistoryScaleCorpus corpus, TextWriter output, CancellationToken cancellationToken)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        var clock = Stopwatch.StartNew();
        // Sessions, then their issues' occurrences (one resolved occurrence per session), in batches.
        for (var first = 0; first < corpus.Sessions; first += Batch)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var count = Math.Min(Batch, corpus.Sessions - first);
            db.HealingSessions.AddRange(Enumerable.Range(first, count).Select(i => SessionMapping.ToRow(corpus.Session(i))));
            db.Issues.AddRange(Enumerable.Range(first, count).Select(i => IssueRow(corpus.Entry((int)((long)i * corpus.Rows / corpus.Sessions)))));
            await db.SaveChangesAsync(cancellationToken);
        }
        var sessions = clock.Elapsed;
        clock.Restart();
        var batched = corpus.Rows - Math.Min(OneByOne, corpus.Rows);
        for (var first = 0; first < batched; first += Batch)
        {
            var count = Math.Min(Batch, batched - first);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var entries = Enumerable.Range(first, count).Select(corpus.Entry).ToList();
            var rows = entries.ConvertAll(HistoryMapping.ToRow);
            db.ActionHistory.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            // What ran has its journal record, as EfActionJournal writes it: the issue, the steps, and
            // (long past its rollback_timeout) no longer undoable.
            for (var i = 0; i < rows.Count; i++)
            {
                if (entries[i].Decision == Anna.Core.Policy.DecisionKind.Execute)
                    db.ActionJournal.Add(JournalRow(rows[i].Id, entries[i]));
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if ((first / Batch) % 40 == 39)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {first + count:N0} rows, {(first + count) / clock.Elapsed.TotalSeconds:N0} rows/s"));
        }
        var history = clock.Elapsed;
        clock.Restart();
        // The newest ones through the daemon's own calls, one commit (fsync) each.
        var store = services.GetRequiredService<IHistoryStore>();
        var journal = services.GetRequiredService<IActionJournal>();
        var sessionStore = services.GetRequiredService<ISessionStore>();
        for (var i = batched; i < corpus.Rows; i++)
        {
            var entry = corpus.Entry(i);
            if (entry.Decision == Anna.Core.Policy.DecisionKind.Execute)
            {
                var id = await journal.BeginAsync(entry, HistoryScaleCorpus.IssueOf(entry), cancellationToken);
                await journal.FinishAsync(id, entry, Snapshot(entry), UndoState.Expired, entry.FinishedAt?.AddMinutes(30), "rollback_timeout (30 min) passed",
                    cancellationToken);
            }
            else
            {
                await store.AppendAsync(entry, cancellationToken);
            }
        }
        await sessionStore.SaveAsync(corpus.Session(corpus.Sessions - 1), cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"filled: {corpus.Sessions:N0} sessions and issue rows in {sessions.TotalSeconds:0.0} s; {batched:N0} history rows in batches of {Batch:N0} in {history.TotalSeconds:0.0} s " +
            $"({batched / Math.Max(history.TotalSeconds, 0.001):N0} rows/s); the newest {corpus.Rows - batched} one by one in {clock.Elapsed.TotalSeconds:0.0} s " +
            $"({(corpus.Rows - batched) / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} rows/s, one fsync'd commit each)"));
    }

    private static ActionJournalRow JournalRow(long id, HistoryEntry entry) => new()
    {
        Id = id,
        IssueJson = JsonSerializer.Serialize(HistoryScaleCorpus.IssueOf(entry), EfActionJournal.IssueJson),
        SnapshotJson = Snapshot(entry).ToJson(),
        UndoState = UndoState.Expired,
        UndoableUntil = entry.FinishedAt?.AddMinutes(30),
        UndoNote = "rollback_timeout (30 min) passed; what undo needed was purged",
    };

    private static RollbackSnapshot Snapshot(HistoryEntry entry) =>
        entry.Subject.EndsWith(".service", StringComparison.Ordinal) ? new RollbackSnapshot([new RestartServiceStep(entry.Subject)]) : RollbackSnapshot.Empty;

    private static IssueRow IssueRow(HistoryEntry entry)
    {
        var issue = HistoryScaleCorpus.IssueOf(entry);
        return new IssueRow
        {
            Kind = issue.Kind,
            Subject = issue.Subject,
            Key = issue.Key,
            Severity = issue.Severity,
            Summary = issue.Summary,
            Evidence = JsonSerializer.Serialize(issue.Evidence),
            FirstSeen = issue.FirstSeen,
            LastSeen = issue.LastSeen,
            ResolvedAt = entry.StartedAt.AddSeconds(10),
        };
    }

    private static async Task ReportSizeAsync(IDbContextFactory<AnnaDbContext> contexts, AnnaStoreLocation location, TextWriter output, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);
        var file = new FileInfo(location.DatabasePath).Length;
        var wal = new FileInfo(location.DatabasePath + "-wal") is { Exists: true } w ? w.Length : 0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database file: {file / 1048576.0:0.0} MiB (WAL after checkpoint: {wal / 1048576.0:0.0} MiB)"));
        try
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 12";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var parts = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)} {reader.GetInt64(1) / 1048576.0:0.0}"));
            output.WriteLine($"  largest tables and indexes (MiB): {string.Join(", ", parts)}");
        }
        catch (SqliteException ex)
        {
            output.WriteLine($"  (no per-table sizes: {ex.Message})");
        }
    }

    private static async Task MeasureReadsAsync(IServiceProvider services, DateTimeOffset now, BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var history = services.GetRequiredService<IHistoryStore>();
        var journal = services.GetRequiredService<IActionJournal>();
        var sessions = services.GetRequiredService<ISessionStore>();
        var issues = services.GetRequiredService<IIssueLog>();
        var samples = services.GetRequiredService<ISampleStore>();
        var time = TimeProvider.System;
        var assumption = new ManualFixAssumption(15, "Anna:Metrics:ManualFixMinutes");
        var day = now.AddDays(-100).UtcDateTime.Date;
        var from = day.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var until = day.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var deepPage = Math.Max(1, options.Rows / 2 / 50);

        var insightsCounts = new PeriodCounts(await history.TallyAsync(now.AddDays(-30), now, cancellationToken),
            await issues.CountByKindAsync(now.AddDays(-30), now, cancellationToken));
        var insightsHistory = await history.NewestToCountAsync(new HistoryFilter { From = now.AddDays(-30) }, InsightsRead.MaxEntries, cancellationToken);
        var insightsIssues = await issues.SeenSinceAsync(now.AddDays(-30), InsightsRead.MaxEntries, cancellationToken);

        // Each read says what it answered, so a refused query (a ValidationProblem is fast) cannot pass for a quick one.
        async Task<string> Page(string? page = null, string? issueType = null, string? action = null, string? outcome = null, string? fromDay = null,
            string? untilDay = null, string? subject = null)
        {
            var result = await HistoryApi.GetHistory(history, journal, time, cancellationToken, page: page, issueType: issueType, action: action,
                outcome: outcome, from: fromDay, until: untilDay, subject: subject);
            return result.Result is Ok<HistoryPageDto> ok
                ? $"{ok.Value!.Items.Count} of {ok.Value.Total:N0}"
                : throw new InvalidOperationException($"the history query was refused: {JsonSerializer.Serialize(result.Result)}");
        }

        async Task<string> Sessions(string? page = null)
        {
            var result = await SessionsApi.ListAsync(sessions, cancellationToken, page: page);
            return result.Result is Ok<IReadOnlyList<SessionDto>> ok ? $"{ok.Value!.Count} sessions" : throw new InvalidOperationException("refused");
        }

        (string Name, double Target, Func<Task<string>> Read)[] reads =
        [
            ("GET stats", ReportTargetMs, async () =>
            {
                var stats = (await StatsApi.GetAsync(history, time, cancellationToken)).Value!;
                return $"{stats.Heals:N0} heals of {stats.HistoryEntries:N0} entries (time to heal: newest {stats.BasedOnEntries:N0})";
            }),
            ("GET insights?days=30", ReportTargetMs, async () =>
            {
                var report = await InsightsRead.ReadAsync(history, issues, samples, 30, time.GetUtcNow(), new HashSet<ActionCategory>(), assumption.Minutes,
                    cancellationToken);
                _ = InsightsDto.Of(report, 30, assumption);
                return $"{report.Attempts:N0} attempts of {report.ActionsInPeriod:N0} actions";
            }),
            ("  (its tallies: every action of 30 days)", ReportTargetMs, async () =>
                $"{(await history.TallyAsync(time.GetUtcNow().AddDays(-30), time.GetUtcNow(), cancellationToken)).Sum(t => t.Count):N0} actions"),
            ("  (its occurrences: every issue of 30 days)", ReportTargetMs, async () =>
                $"{(await issues.CountByKindAsync(time.GetUtcNow().AddDays(-30), time.GetUtcNow(), cancellationToken)).Values.Sum():N0} occurrences"),
            ("  (its history: newest 10,000 of 30 days, no text)", ReportTargetMs, async () =>
                $"{(await history.NewestToCountAsync(new HistoryFilter { From = time.GetUtcNow().AddDays(-30) }, InsightsRead.MaxEntries, cancellationToken)).Count:N0} entries"),
            ("  (its issues: seen in 30 days)", ReportTargetMs, async () =>
                $"{(await issues.SeenSinceAsync(time.GetUtcNow().AddDays(-30), InsightsRead.MaxEntries, cancellationToken)).Count:N0} issues"),
            ("  (its samples: units' memory, disks' growth)", ReportTargetMs, async () =>
            {
                var (start, end) = (time.GetUtcNow().AddDays(-30), time.GetUtcNow());
                var memory = await samples.RangeAsync(SampleMetric.UnitMemoryBytes, null, start, end, SampleRetention.FinestFor(start, end), cancellationToken);
                var growth = await InsightsRead.DiskGrowthAsync(samples, start, end, cancellationToken);
                return $"{memory.Count:N0} buckets, {growth.Count} disks";
            }),
            ("  (its report, built from what was read)", ReportTargetMs, () =>
            {
                var report = InsightsReport.Build(time.GetUtcNow().AddDays(-30), time.GetUtcNow(), insightsCounts, insightsHistory, insightsIssues, [], new HashSet<ActionCategory>(), 15);
                _ = InsightsDto.Of(report, 30, assumption);
                return Task.FromResult($"{report.RootCauses.Count} root causes");
            }),
            ("GET history (page 1)", ReadTargetMs, () => Page()),
            ("  ?issueType=low_disk", ReadTargetMs, () => Page(issueType: "low_disk")),
            ("  ?issueType=kernel_update", ReadTargetMs, () => Page(issueType: "kernel_update")),
            ("  ?action=vacuum_journal", ReadTargetMs, () => Page(action: "vacuum_journal")),
            ("  ?outcome=rolled_back", ReadTargetMs, () => Page(outcome: "rolled_back")),
            ("  ?outcome=awaiting_approval", ReadTargetMs, () => Page(outcome: "awaiting_approval")),
            ($"  ?from={from}&until={until}", ReadTargetMs, () => Page(fromDay: from, untilDay: until)),
            ("  ?subject=app-1999", ReadTargetMs, () => Page(subject: "app-1999")),
            ("  ?subject=.service", ReadTargetMs, () => Page(subject: ".service")),
            ("  ?issueType=kernel_update&outcome=failed", ReadTargetMs, () => Page(issueType: "kernel_update", outcome: "failed")),
            ($"  ?page={deepPage} (deep)", ReadTargetMs, () => Page(page: deepPage.ToString(CultureInfo.InvariantCulture))),
            ("GET sessions (page 1)", ReadTargetMs, () => Sessions()),
            ("GET sessions?page=1000", ReadTargetMs, () => Sessions("1000")),
        ];

        output.WriteLine();
        output.WriteLine($"{"read (in-process, the endpoint's handler)",-46} {"latency",-82} {"target",-24} answered");
        var met = true;
        foreach (var (name, target, read) in reads)
        {
            var answered = "";
            for (var i = 0; i < WarmUps; i++)
                answered = await read();
            var samplesMs = new List<TimeSpan>(options.Trials);
            for (var i = 0; i < options.Trials; i++)
            {
                var clock = Stopwatch.StartNew();
                await read();
                samplesMs.Add(clock.Elapsed);
            }
            var summary = new LatencySummary(samplesMs);
            var ok = summary.Median <= target;
            met &= ok;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-46} {summary.Format(),-82} {$"<= {target:0} ms median: {(ok ? "met" : "NOT MET")}",-24} {answered}"));
        }
        output.WriteLine($"reads: {(met ? "every target met" : "some targets NOT MET")}");
    }

    /// <summary>
    /// Retention's batches on this store, as HistoryRetention runs them: each is one write transaction, so its
    /// time is the longest a heal's journal write waits behind it. Last, as it deletes the oldest rows.
    /// </summary>
    private static async Task MeasureRetentionAsync(string data, BenchOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var services = new ServiceCollection().AddAnnaStore(data).BuildServiceProvider();
        var history = services.GetRequiredService<IHistoryStore>();
        await using (var db = await services.GetRequiredService<IDbContextFactory<AnnaDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            var oldest = await db.ActionHistory.MinAsync(h => h.StartedAt, cancellationToken);
            var batches = new List<TimeSpan>();
            var deleted = 0;
            // The oldest five days (about 14,000 rows) are past a retention that ends five days after the first row.
            for (var i = 0; i < Math.Max(options.Trials / 2, 5); i++)
            {
                var clock = Stopwatch.StartNew();
                var batch = await history.DeleteOlderThanAsync(oldest.AddDays(5), HistoryRetention.BatchSize, cancellationToken);
                batches.Add(clock.Elapsed);
                deleted += batch.Entries;
                if (!batch.Full(HistoryRetention.BatchSize))
                    break;
            }
            output.WriteLine();
            output.WriteLine($"{$"retention: one batch ({HistoryRetention.BatchSize:N0} rows)",-46} {new LatencySummary(batches).Format()}  ({deleted:N0} rows deleted)");
        }
        SqliteConnection.ClearAllPools();
    }

    private static async Task MeasureStartupAsync(BenchOptions options, string data, TextWriter output, CancellationToken cancellationToken)
    {
        await using var sandbox = await UserManagerSandbox.StartAsync("anna-bench", cancellationToken);
        var empty = Directory.CreateTempSubdirectory("anna-bench-empty-");
        try
        {
            // The first start of each apart (it creates the empty store); then the two alternate, so a
            // machine whose load changes during the run weighs on both alike.
            var emptyFirst = await StartAsync(options, sandbox.BusAddress, empty.FullName, cancellationToken);
            var filledFirst = await StartAsync(options, sandbox.BusAddress, data, cancellationToken);
            var emptyStarts = new List<TimeSpan>();
            var filledStarts = new List<TimeSpan>();
            for (var i = 0; i < options.Starts; i++)
            {
                emptyStarts.Add(await StartAsync(options, sandbox.BusAddress, empty.FullName, cancellationToken));
                filledStarts.Add(await StartAsync(options, sandbox.BusAddress, data, cancellationToken));
            }
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"start -> /healthz 200, {options.Starts} restarts each, alternating (first start apart: {emptyFirst.TotalMilliseconds:0} ms empty, creating the store; " +
                $"{filledFirst.TotalMilliseconds:0} ms filled)"));
            output.WriteLine($"{"empty store",-22} {new LatencySummary(emptyStarts).Format()}");
            output.WriteLine($"{"filled store",-22} {new LatencySummary(filledStarts).Format()}");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static async Task<TimeSpan> StartAsync(BenchOptions options, string bus, string data, CancellationToken cancellationToken)
    {
        await using var anna = AnnaProcess.Start(options.AnnaDll, bus, Policy, environment: options.Environment, dataDir: data);
        return await anna.WaitHealthzAsync(TimeSpan.FromSeconds(120), cancellationToken);
    }
}
