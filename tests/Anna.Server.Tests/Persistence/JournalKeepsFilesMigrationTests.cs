using System.Text.Json;
using Anna.Core.Rollback;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// Records written before the journal knew which snapshots keep files are marked when the file is
/// upgraded, by the same rule the snapshot applies: nothing that holds disk space is lost from health
/// or from the critical-disk purge by the upgrade.
/// </summary>
public sealed class JournalKeepsFilesMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Records_written_before_the_upgrade_keep_files_exactly_when_their_snapshot_does()
    {
        var snapshots = EfActionJournalTests.Snapshots;
        var issue = JsonSerializer.Serialize(JournalSamples.FailedUnit("app.service"), EfActionJournal.IssueJson);
        await using var store = await OlderStore.CreateAsync("HistoryNoSpace", async db =>
        {
            // Written with the columns that schema had, as that version of Anna did.
            for (var i = 0; i < snapshots.Length; i++)
            {
                var at = T0.AddMinutes(i).ToUnixTimeMilliseconds();
                var json = snapshots[i].Snapshot.ToJson();
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""
                    INSERT INTO action_history (id, issue_type, subject, action, category, risk, policy, decision, consent, reason, outcome, started_at, finished_at, duration_ms, detail)
                    VALUES ({i + 1}, 'low_disk', '/var', 'clean_cache', 'cache_cleanup', 'safe', 'supervised', 'execute', 'implied', 'why', 'success', {at}, {at + 100}, 100, '');
                    INSERT INTO action_journal (id, issue_json, snapshot_json, undo_state, undoable_until)
                    VALUES ({i + 1}, {issue}, {json}, 'undoable', {at + 3_600_000});
                    """,
                    None);
            }
        });

        var journal = (await store.UpgradeAsync()).GetRequiredService<IActionJournal>();

        var expected = snapshots.Select((s, i) => (Id: i + 1L, s.KeepsFiles)).Where(s => s.KeepsFiles).Select(s => s.Id).Reverse();
        Assert.Equal(expected, (await journal.UndoableKeepingFilesAsync(None)).Select(r => r.Id));
        Assert.Equal(snapshots.Length, (await journal.UndoableAsync(None)).Count);
    }
}
