using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Rollback;
using Anna.Core.Sessions;
using Anna.Core.Vocabulary;
using Anna.Server.Persistence;
using Anna.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// retention_days on a real SQLite store: what is older goes (with its journal record, resolved issues
/// and finished sessions), in batches; what is recent, in progress or still undoable stays; 0 keeps all.
/// </summary>
public sealed class HistoryRetentionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Old_rows_go_and_recent_in_progress_and_undoable_ones_stay()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = temp.Services.GetRequiredService<IActionJournal>();
        var now = DateTimeOffset.UtcNow;
        var old = now.AddDays(-45);
        var issue = new Issue(IssueKind.FailedService, "web.service", IssueSeverity.Warning, "failed", new Dictionary<string, string>(), old, old);

        var oldSuggestion = await temp.Store.AppendAsync(Restart(old, ActionOutcome.Suggested), None);
        var oldHeal = await journal.BeginAsync(Restart(old.AddMinutes(1)), issue, None);
        await journal.FinishAsync(oldHeal, Restart(old.AddMinutes(1)), RollbackSnapshot.Empty, UndoState.Expired, null, "rollback_timeout passed", None);
        var inProgress = await journal.BeginAsync(Restart(old.AddMinutes(2)), issue, None);
        var undoable = await journal.BeginAsync(Restart(old.AddMinutes(3)), issue, None);
        await journal.FinishAsync(undoable, Restart(old.AddMinutes(3)), new RollbackSnapshot([new StopServiceStep("web.service")]), UndoState.Undoable,
            now.AddMinutes(30), null, None);
        var recent = await temp.Store.AppendAsync(Restart(now.AddDays(-29)), None);
        // Older than the rest: a batch takes the oldest first, and this must go too.
        var oldest = await temp.Store.AppendAsync(Restart(now.AddDays(-400), ActionOutcome.Failed, IssueKind.LowDisk, "/var"), None);

        await temp.Store.RecordIssueAsync(issue with { Subject = "gone.service" }, None);
        await temp.Store.ResolveIssueAsync(Issue.KeyOf(issue.Kind, "gone.service"), old.AddMinutes(5), None);
        await temp.Store.RecordIssueAsync(issue with { Subject = "still-failing.service" }, None);
        await temp.Store.RecordIssueAsync(issue with { Subject = "recent.service", FirstSeen = now.AddDays(-1), LastSeen = now.AddDays(-1) }, None);
        await temp.Store.ResolveIssueAsync(Issue.KeyOf(issue.Kind, "recent.service"), now, None);

        await temp.Sessions.SaveAsync(Session(old, finished: true), None);
        var running = Session(old.AddMinutes(1), finished: false);
        await temp.Sessions.SaveAsync(running, None);
        var recentSession = Session(now.AddDays(-2), finished: true);
        await temp.Sessions.SaveAsync(recentSession, None);

        var deleted = await Retention(temp, days: 30).PruneAsync(None);

        Assert.Equal(3, deleted);
        var kept = (await temp.Store.ListAsync(1, 50, None)).Items.Select(e => e.Id).Order().ToList();
        Assert.Equal(new[] { inProgress, undoable, recent }.Order(), kept);
        foreach (var id in new[] { oldSuggestion, oldHeal, oldest })
            Assert.Null(await temp.Store.GetAsync(id, None));
        Assert.Null(await journal.GetAsync(oldHeal, None));
        Assert.NotNull(await journal.GetAsync(inProgress, None));
        Assert.Equal(UndoState.Undoable, (await journal.GetAsync(undoable, None))!.UndoState);
        // The kept counts followed the rows: totals, by outcome and by subject, are the rows that are left.
        Assert.Equal(3, (await temp.Store.ListAsync(1, 50, None)).Total);
        Assert.Equal(0, (await temp.Store.ListAsync(new HistoryFilter { Outcome = ActionOutcome.Failed }, 1, 50, None)).Total);
        Assert.Equal(0, (await temp.Store.ListAsync(new HistoryFilter { Subject = "/var" }, 1, 50, None)).Total);

        await using (var db = await temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>().CreateDbContextAsync())
            Assert.Equal(["recent.service", "still-failing.service"], (await db.Issues.Select(i => i.Subject).ToListAsync()).Order());
        var sessions = (await temp.Sessions.ListAsync(1, 50, None)).Select(s => s.Id).Order().ToList();
        Assert.Equal(new[] { running.Id, recentSession.Id }.Order(), sessions);
    }

    [Fact]
    public async Task A_long_history_goes_in_batches_and_zero_keeps_everything()
    {
        await using var temp = await TempStore.CreateAsync();
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        var now = DateTimeOffset.UtcNow;
        var rows = HistoryRetention.BatchSize * 2 + 500;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ActionHistory.AddRange(Enumerable.Range(0, rows).Select(i => HistoryMapping.ToRow(Restart(now.AddDays(-100).AddSeconds(i)))));
            db.ActionHistory.AddRange(Enumerable.Range(0, 10).Select(i => HistoryMapping.ToRow(Restart(now.AddDays(-1).AddMinutes(i)))));
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await Retention(temp, days: 0).PruneAsync(None));
        Assert.Equal(rows + 10, (await temp.Store.ListAsync(1, 1, None)).Total);

        Assert.Equal(rows, await Retention(temp, days: 99).PruneAsync(None));
        Assert.Equal(10, (await temp.Store.ListAsync(1, 1, None)).Total);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // Daily counts of days that emptied are gone, not left at zero.
            Assert.Equal(10, await db.HistoryDailyCounts.SumAsync(d => d.Count));
            Assert.DoesNotContain(await db.HistoryDailyCounts.ToListAsync(), d => d.Count <= 0);
        }
    }

    private static HistoryRetention Retention(TempStore temp, int days) => new(
        temp.Store, temp.Sessions, new TestHealingConfig(new HealingOptions { History = new HistoryOptions { RetentionDays = days } }),
        TimeProvider.System, NullLogger<HistoryRetention>.Instance);

    private static HealingSessionRecord Session(DateTimeOffset startedAt, bool finished) => new()
    {
        Id = Guid.NewGuid(),
        Trigger = SessionTrigger.Scan,
        StartedAt = startedAt,
        FinishedAt = finished ? startedAt.AddSeconds(5) : null,
        StateBefore = SystemState.Degraded,
    };
}
