using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Rollback;
using Anna.Core.Vocabulary;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// History totals come from the daily and per-subject counts the triggers keep: after rows are
/// appended, actions finish (their outcome changes) and rows are deleted, every total is still what
/// a count of the rows themselves says — over whole days, parts of days and subjects.
/// </summary>
public sealed class EfHistoryStoreCountTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Totals_from_the_kept_counts_equal_a_count_of_the_rows_after_appends_finishes_and_deletes()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = temp.Services.GetRequiredService<IActionJournal>();
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        // Twenty days from midnight, a row every 17 minutes, so days hold different numbers of rows.
        var midnight = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ActionHistory.AddRange(Enumerable.Range(0, 20 * 24 * 60 / 17).Select(i =>
            {
                var outcome = i % 9 == 0 ? ActionOutcome.Failed : i % 13 == 0 ? ActionOutcome.Suggested : ActionOutcome.Success;
                var kind = i % 4 == 0 ? IssueKind.LowDisk : IssueKind.FailedService;
                return HistoryMapping.ToRow(Restart(midnight.AddMinutes(17 * i), outcome, kind, subject: $"web{i % 30:00}.service"));
            }));
            await db.SaveChangesAsync();
        }
        // Actions that begin in progress and finish: the outcome moves from one count to another.
        var issue = new Issue(IssueKind.FailedService, "rare.service", IssueSeverity.Warning, "failed", new Dictionary<string, string>(), midnight, midnight);
        var begun = new List<long>();
        for (var i = 0; i < 6; i++)
            begun.Add(await journal.BeginAsync(Restart(midnight.AddDays(3 + i).AddHours(5), subject: "rare.service"), issue, None));
        foreach (var id in begun.Take(4))
            await journal.FinishAsync(id, Restart(midnight, ActionOutcome.RolledBack, subject: "rare.service"), RollbackSnapshot.Empty, UndoState.NotUndoable, null, null, None);
        // Rows go (as retention deletes them): the counts follow.
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var cut = midnight.AddDays(2).AddHours(7);
            await db.ActionHistory.Where(h => h.StartedAt < cut).ExecuteDeleteAsync();
        }

        List<HistoryEntry> rows;
        await using (var db = await contexts.CreateDbContextAsync())
            rows = (await db.ActionHistory.AsNoTracking().ToListAsync()).ConvertAll(HistoryMapping.ToEntry);
        HistoryFilter[] filters =
        [
            HistoryFilter.None,
            new() { From = midnight.AddDays(5), Until = midnight.AddDays(9) },
            new() { From = midnight.AddDays(5).AddHours(3), Until = midnight.AddDays(9).AddMinutes(1) },
            new() { From = midnight.AddDays(6).AddHours(1), Until = midnight.AddDays(6).AddHours(20) },
            new() { From = midnight.AddDays(4).AddHours(11) },
            new() { Until = midnight.AddDays(7).AddHours(11) },
            new() { Outcome = ActionOutcome.Failed },
            new() { Outcome = ActionOutcome.RolledBack, From = midnight.AddDays(1).AddHours(2) },
            new() { Outcome = ActionOutcome.InProgress },
            new() { IssueKind = IssueKind.LowDisk, From = midnight.AddDays(3), Until = midnight.AddDays(12).AddHours(6) },
            new() { Action = "restart_service", Outcome = ActionOutcome.Suggested, Until = midnight.AddDays(15) },
            new() { Subject = "WEB1" },
            new() { Subject = "rare" },
            new() { Subject = "rare", Outcome = ActionOutcome.RolledBack },
            new() { Subject = "web07", From = midnight.AddDays(8).AddHours(8) },
            new() { Subject = "no such subject" },
        ];
        foreach (var filter in filters)
        {
            var expected = rows.Where(filter.Matches).OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).ToList();
            var read = await temp.Store.ListAsync(filter, 1, 50, None);
            Assert.True(expected.Count == read.Total, $"{filter}: {read.Total} counted, {expected.Count} rows");
            Assert.Equal(expected.Take(50).Select(e => e.Id), read.Items.Select(e => e.Id));
            Assert.Equal(expected.Take(120).Select(e => e.Id), (await temp.Store.NewestAsync(filter, 120, None)).Select(e => e.Id));
        }
        Assert.Equal(4, (await temp.Store.ListAsync(new HistoryFilter { Outcome = ActionOutcome.RolledBack }, 1, 50, None)).Total);
        Assert.Equal(2, (await temp.Store.ListAsync(new HistoryFilter { Outcome = ActionOutcome.InProgress }, 1, 50, None)).Total);
    }

    [Fact]
    public async Task A_deep_page_starts_at_its_day_and_is_the_same_page_as_an_offset_walk()
    {
        await using var temp = await TempStore.CreateAsync();
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        // 12,000 rows over about 25 days; some share a millisecond, so the id decides their order.
        List<HistoryEntry> entries;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var rows = Enumerable.Range(0, 12_000).Select(i => HistoryMapping.ToRow(Restart(T0.AddMinutes(3 * (i / 2)),
                i % 7 == 0 ? ActionOutcome.Failed : ActionOutcome.Success, i % 3 == 0 ? IssueKind.LowDisk : IssueKind.FailedService))).ToList();
            db.ActionHistory.AddRange(rows);
            await db.SaveChangesAsync();
            entries = rows.ConvertAll(HistoryMapping.ToEntry);
        }

        foreach (var filter in new HistoryFilter[] { HistoryFilter.None, new() { IssueKind = IssueKind.FailedService }, new() { Outcome = ActionOutcome.Success } })
        {
            var expected = entries.Where(filter.Matches).OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).ToList();
            foreach (var page in new[] { 101, 102, 150, 163, expected.Count / 50, expected.Count / 50 + 1, expected.Count / 50 + 2 })
            {
                var read = await temp.Store.ListAsync(filter, page, 50, None);
                Assert.Equal(expected.Count, read.Total);
                Assert.Equal(expected.Skip((page - 1) * 50).Take(50).Select(e => e.Id), read.Items.Select(e => e.Id));
            }
        }
    }

    [Fact]
    public async Task A_rare_subject_is_read_through_the_subject_index_and_a_common_one_by_the_newest_first_walk()
    {
        var sql = new SqlLog();
        await using var temp = await TempStore.CreateAsync(s => s.AddLogging(b => b.AddProvider(sql).SetMinimumLevel(LogLevel.Information)));
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ActionHistory.AddRange(Enumerable.Range(0, 5000).Select(i =>
                HistoryMapping.ToRow(Restart(T0.AddMinutes(i), subject: i % 1000 == 0 ? "rare.service" : $"common{i % 20}.service"))));
            await db.SaveChangesAsync();
        }

        sql.Clear();
        var rare = await temp.Store.ListAsync(new HistoryFilter { Subject = "RARE" }, 1, 50, None);
        Assert.Equal(5, rare.Total);
        Assert.Equal([4000, 3000, 2000, 1000, 0], rare.Items.Select(e => (int)(e.StartedAt - T0).TotalMinutes));
        Assert.Contains("ix_action_history_subject_started_at", Plan(temp, sql));

        sql.Clear();
        var common = await temp.Store.ListAsync(new HistoryFilter { Subject = "common" }, 1, 50, None);
        Assert.Equal(4995, common.Total);
        var plan = Plan(temp, sql);
        Assert.Contains("ix_action_history_started_at", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }

    private static string Plan(TempStore temp, SqlLog sql)
    {
        var select = Assert.Single(sql.Commands, c => c.Contains("ORDER BY", StringComparison.Ordinal) && c.Contains("action_history", StringComparison.Ordinal));
        using var connection = temp.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + select;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(select, @"@[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value).Distinct())
            command.Parameters.AddWithValue(name, name.Contains("names", StringComparison.OrdinalIgnoreCase) ? "[\"rare.service\"]" : "1");
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
            lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    }
}
