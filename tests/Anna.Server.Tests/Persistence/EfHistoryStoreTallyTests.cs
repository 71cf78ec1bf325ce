using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Vocabulary;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// A period's tallies (counts, how many no person approved, durations summed) come from the daily rows
/// the triggers keep plus the rows of the hours at either end: after appends, actions that finish (their
/// outcome, approver and duration change) and deletes, they are what a tally of the rows themselves says.
/// </summary>
public sealed class EfHistoryStoreTallyTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Midnight = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Tallies_equal_a_tally_of_the_rows_after_appends_finishes_approvals_and_deletes()
    {
        await using var temp = await TempStore.CreateAsync();
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        // Twenty days, a row every 17 minutes: days hold different numbers of rows, durations and approvers vary.
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ActionHistory.AddRange(Enumerable.Range(0, 20 * 24 * 60 / 17).Select(i =>
            {
                var outcome = i % 9 == 0 ? ActionOutcome.Failed : i % 13 == 0 ? ActionOutcome.InProgress : ActionOutcome.Success;
                var entry = Restart(Midnight.AddMinutes(17 * i), outcome, i % 4 == 0 ? IssueKind.LowDisk : IssueKind.FailedService, durationMs: 10 + i % 97);
                return HistoryMapping.ToRow(entry with { ApprovedBy = i % 5 == 0 ? "alice" : null });
            }));
            await db.SaveChangesAsync();
        }
        // Actions in progress finish: outcome, duration and approver change together in one statement...
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.ActionHistory.Where(h => h.Outcome == ActionOutcome.InProgress && h.Id % 2 == 0)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Outcome, ActionOutcome.RolledBack).SetProperty(h => h.DurationMs, 4_000).SetProperty(h => h.ApprovedBy, "bob"));
        }
        // ...or one column at a time, as a tracked save writes only what changed.
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var rows = await db.ActionHistory.Where(h => h.Id % 11 == 0).ToListAsync();
            foreach (var row in rows)
            {
                if (row.Id % 3 == 0)
                    row.ApprovedBy = row.ApprovedBy is null ? "carol" : null;
                else
                    row.DurationMs += 1_000;
            }
            await db.SaveChangesAsync();
        }
        // Rows go, as retention deletes them.
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var cut = Midnight.AddDays(2).AddHours(7);
            await db.ActionHistory.Where(h => h.StartedAt < cut).ExecuteDeleteAsync();
        }

        List<HistoryEntry> entries;
        await using (var db = await contexts.CreateDbContextAsync())
            entries = (await db.ActionHistory.AsNoTracking().ToListAsync()).ConvertAll(HistoryMapping.ToEntry);
        (DateTimeOffset From, DateTimeOffset Until)[] periods =
        [
            (Midnight, Midnight.AddDays(30)),
            (Midnight.AddDays(5), Midnight.AddDays(9)),
            (Midnight.AddDays(5).AddHours(3), Midnight.AddDays(9).AddMinutes(1)),
            (Midnight.AddDays(6).AddHours(1), Midnight.AddDays(6).AddHours(20)),
            (Midnight.AddDays(6).AddHours(1), Midnight.AddDays(7).AddHours(2)),
            (Midnight.AddDays(-3), Midnight.AddDays(4).AddMilliseconds(1)),
            (Midnight.AddDays(19).AddHours(23), Midnight.AddDays(40)),
            (Midnight.AddDays(8), Midnight.AddDays(8)),
            (Midnight.AddDays(8), Midnight.AddDays(7)),
        ];
        foreach (var (from, until) in periods)
        {
            var expected = HistoryTally.Of(entries.Where(e => e.StartedAt >= from && e.StartedAt < until));
            var tallied = await temp.Store.TallyAsync(from, until, None);
            Assert.True(expected.SequenceEqual(tallied), $"{from:u} – {until:u}: {tallied.Count} tallies, expected {expected.Count}");
        }
        // Not empty-handed: the whole month holds every kind of change above.
        var month = await temp.Store.TallyAsync(Midnight, Midnight.AddDays(30), None);
        Assert.Contains(month, t => t.Outcome == ActionOutcome.RolledBack && t.Automatic < t.Count);
        Assert.Contains(month, t => t.Outcome == ActionOutcome.Success && t.Automatic > 0 && t.Automatic < t.Count);
    }

    [Fact]
    public async Task A_store_from_before_tallies_is_recounted_once_on_upgrade_and_kept_after()
    {
        await using var store = await OlderStore.CreateAsync("JournalKeepsFiles", async db =>
        {
            // Written with the columns that schema had, as that version of Anna did; its triggers counted rows only.
            for (var i = 0; i < 300; i++)
            {
                var at = Midnight.AddMinutes(23 * i).ToUnixTimeMilliseconds();
                var outcome = i % 7 == 0 ? "failed" : "success";
                var approver = i % 4 == 0 ? "alice" : null;
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""
                    INSERT INTO action_history (issue_type, subject, action, category, risk, policy, decision, consent, reason, outcome, started_at, finished_at, duration_ms, detail, approved_by)
                    VALUES ('failed_service', 'app.service', 'restart_service', 'service_restart', 'low', 'supervised', 'execute', 'implied', 'why', {outcome}, {at}, {at + i}, {i}, '', {approver})
                    """,
                    None);
            }
        });

        var history = (await store.UpgradeAsync()).GetRequiredService<IHistoryStore>();
        await history.AppendAsync(Restart(Midnight.AddDays(2).AddHours(3), durationMs: 5_000), None);

        var all = await history.NewestAsync(HistoryFilter.None, 1_000, None);
        var (from, until) = (Midnight, Midnight.AddDays(10));
        var tallied = await history.TallyAsync(from, until, None);
        Assert.Equal(HistoryTally.Of(all), tallied);
        var success = Assert.Single(tallied, t => t.Outcome == ActionOutcome.Success);
        Assert.Equal(Enumerable.Range(0, 300).Where(i => i % 7 != 0).Sum(i => (long)i) + 5_000, success.DurationMs);
        Assert.Equal(Enumerable.Range(0, 300).Count(i => i % 7 != 0 && i % 4 != 0) + 1, success.Automatic);
    }
}
