using Anna.Core.Vocabulary;
using System.Text.RegularExpressions;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Rollback;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// Filtering and paging happen in SQLite: with 10,000 rows, every filter returns the same page and
/// total as the filter's own rules applied to the whole list, and the newest-first walk is served
/// by the started_at index rather than a sort of the whole table.
/// </summary>
public sealed partial class EfHistoryStoreFilterTests
{
    private const int Rows = 10_000;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Ten_thousand_rows_filter_and_page_in_the_store_exactly_as_the_filter_says()
    {
        var sql = new SqlLog();
        await using var temp = await TempStore.CreateAsync(s => s.AddLogging(b => b.AddProvider(sql).SetMinimumLevel(LogLevel.Information)));
        var entries = await InsertAsync(temp, Generate(Rows));

        HistoryFilter[] filters =
        [
            HistoryFilter.None,
            new() { Outcome = ActionOutcome.Failed },
            new() { Outcome = ActionOutcome.RolledBack },
            new() { IssueKind = IssueKind.PackageCache },
            new() { Action = UndoService.UndoActionName },
            new() { From = T0.AddMinutes(100), Until = T0.AddMinutes(200) },
            new() { Subject = "UNIT07" },
            new() { Outcome = ActionOutcome.Success, IssueKind = IssueKind.FailedService, From = T0.AddDays(2), Until = T0.AddDays(3), Subject = "unit1" },
        ];
        foreach (var filter in filters)
        {
            var expected = entries.Where(filter.Matches).OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).ToList();
            Assert.NotEmpty(expected);
            var pageSize = 50;
            var lastPage = (expected.Count + pageSize - 1) / pageSize;
            foreach (var page in new[] { 1, 2, (lastPage + 1) / 2, lastPage }.Distinct())
            {
                var read = await temp.Store.ListAsync(filter, page, pageSize, None);
                Assert.Equal(expected.Count, read.Total);
                Assert.Equal(expected.Skip((page - 1) * pageSize).Take(pageSize).Select(e => e.Id), read.Items.Select(e => e.Id));
            }
        }

        // Spot checks that the rules themselves are what the page promises.
        Assert.Equal(100, (await temp.Store.ListAsync(new HistoryFilter { From = T0.AddMinutes(100), Until = T0.AddMinutes(200) }, 1, 500, None)).Total);
        Assert.Equal(Rows, (await temp.Store.ListAsync(1, 50, None)).Total);
        Assert.Empty((await temp.Store.ListAsync(new HistoryFilter { Outcome = ActionOutcome.Suggested }, 1, 50, None)).Items);
        Assert.True(sql.Commands.Count > 0, "EF logged no commands, so the plan check below would check nothing");
    }

    [Fact]
    public async Task The_newest_first_walk_uses_an_index_in_started_at_order_without_sorting_the_table()
    {
        var sql = new SqlLog();
        await using var temp = await TempStore.CreateAsync(s => s.AddLogging(b => b.AddProvider(sql).SetMinimumLevel(LogLevel.Information)));
        await InsertAsync(temp, Generate(Rows));

        (HistoryFilter Filter, string Index)[] walks =
        [
            (HistoryFilter.None, "ix_action_history_started_at"),
            (new() { Outcome = ActionOutcome.Failed, From = T0.AddDays(1) }, "ix_action_history_outcome_started_at"),
            (new() { IssueKind = IssueKind.PackageCache }, "ix_action_history_issue_type_started_at"),
            (new() { Action = UndoService.UndoActionName }, "ix_action_history_action_started_at"),
            // A subject text that names many rows: the walk down started_at meets a page of them at once.
            (new() { Subject = "unit" }, "ix_action_history_started_at"),
        ];
        foreach (var (filter, index) in walks)
        {
            sql.Clear();
            await temp.Store.ListAsync(filter, 2, 50, None);
            var select = Assert.Single(sql.Commands, c => c.Contains("ORDER BY", StringComparison.Ordinal));
            var plan = Explain(temp, select);
            Assert.Contains(index, plan);
            Assert.DoesNotContain("TEMP B-TREE", plan);
        }
    }

    [Fact]
    public async Task Subject_wildcards_typed_by_a_person_are_literal()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.AppendAsync(Restart(T0, subject: "web_1.service"), None);
        await temp.Store.AppendAsync(Restart(T0, subject: "webX1.service"), None);
        await temp.Store.AppendAsync(Restart(T0, subject: "/srv/100%"), None);
        await temp.Store.AppendAsync(Restart(T0, subject: "/srv/1000"), None);
        await temp.Store.AppendAsync(Restart(T0, subject: @"C:\odd\name"), None);

        Assert.Equal(["web_1.service"], await SubjectsAsync(temp, "WEB_1"));
        Assert.Equal(["/srv/100%"], await SubjectsAsync(temp, "100%"));
        Assert.Equal([@"C:\odd\name"], await SubjectsAsync(temp, @"\odd"));
        Assert.Equal(5, (await temp.Store.ListAsync(new HistoryFilter { Subject = "   " }, 1, 50, None)).Total);
    }

    [Fact]
    public async Task Success_rates_count_rolled_back_as_a_failed_attempt_and_leave_undos_out()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Store.AppendAsync(Restart(T0, ActionOutcome.Success, durationMs: 100), None);
        await temp.Store.AppendAsync(Restart(T0, ActionOutcome.RolledBack, durationMs: 300), None);
        await temp.Store.AppendAsync(Restart(T0, ActionOutcome.InProgress, durationMs: 0), None);
        await temp.Store.AppendAsync(Restart(T0, ActionOutcome.Success, durationMs: 5000) with { Action = UndoService.UndoActionName }, None);

        var rate = Assert.Single(await temp.Store.SuccessRatesAsync(None));

        Assert.Equal(new SuccessRate(IssueKind.FailedService, 2, 1, 0.5, 200), rate);
    }

    private static async Task<string[]> SubjectsAsync(TempStore temp, string subject) =>
        (await temp.Store.ListAsync(new HistoryFilter { Subject = subject }, 1, 50, None)).Items.Select(e => e.Subject).ToArray();

    /// <summary>A week of history, a row a minute, with a known mix of kinds, outcomes, actions and subjects.</summary>
    private static List<HistoryEntry> Generate(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var outcome = i % 25 == 0 ? ActionOutcome.RolledBack : i % 10 == 3 ? ActionOutcome.Failed : ActionOutcome.Success;
        var kind = (i % 3) switch { 0 => IssueKind.FailedService, 1 => IssueKind.PackageCache, _ => IssueKind.LogSize };
        var entry = Restart(T0.AddMinutes(i), outcome, kind, subject: $"unit{i % 50:00}.service");
        return i % 40 == 7 ? entry with { Action = UndoService.UndoActionName } : entry;
    }).ToList();

    /// <summary>One transaction for all rows (appending one by one would sync the disk 10,000 times); returns them with their ids.</summary>
    private static async Task<List<HistoryEntry>> InsertAsync(TempStore temp, List<HistoryEntry> entries)
    {
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var rows = entries.ConvertAll(HistoryMapping.ToRow);
        db.ActionHistory.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.ConvertAll(HistoryMapping.ToEntry);
    }

    /// <summary>SQLite's plan for a command EF ran; its parameters are bound to placeholders, which a plan does not depend on.</summary>
    private static string Explain(TempStore temp, string commandText)
    {
        using var connection = temp.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + commandText;
        foreach (var name in Parameter().Matches(commandText).Select(m => m.Value).Distinct())
            command.Parameters.AddWithValue(name, 1);
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
            lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}
