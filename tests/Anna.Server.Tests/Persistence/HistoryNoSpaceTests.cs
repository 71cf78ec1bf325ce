using System.Text.Json;
using Anna.Core.History;
using Anna.Core.Insights;
using Anna.Core.Issues;
using Anna.Core.Rollback;
using Anna.Core.Vocabulary;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// Insights reads the period's history without its text: whether a detail said the disk was full is kept
/// beside it as the row is written (and marked on rows written before, when the file is upgraded). The
/// report built from that read is the report built from the whole rows.
/// </summary>
public sealed class HistoryNoSpaceTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset From = T0.AddDays(-1);
    private static readonly DateTimeOffset Until = T0.AddDays(20);

    /// <summary>Details as package managers and Anna write them: each marker, in other cases, and near misses.</summary>
    private static readonly (ActionCategory Category, ActionOutcome Outcome, string Detail)[] Written =
    [
        (ActionCategory.PackageUpdate, ActionOutcome.Failed, "E: You don't have enough free space in /var/cache/apt/archives/."),
        (ActionCategory.PackageUpdate, ActionOutcome.RolledBack, "dpkg: error processing archive: NO SPACE LEFT ON DEVICE"),
        (ActionCategory.KernelUpdate, ActionOutcome.Deferred, "refused: 412 MB is needed on /boot, 80 MB free"),
        (ActionCategory.PackageUpdate, ActionOutcome.Failed, "Not Enough Free Space on /var"),
        (ActionCategory.PackageUpdate, ActionOutcome.Failed, "E: Unable to locate package"),
        (ActionCategory.PackageUpdate, ActionOutcome.Failed, "a space left on the line"),
        (ActionCategory.PackageUpdate, ActionOutcome.Success, "No space left on device, then it was freed"),
        (ActionCategory.CacheCleanup, ActionOutcome.Failed, "No space left on device"),
        (ActionCategory.KernelUpdate, ActionOutcome.Failed, "needed a reboot"),
    ];

    [Fact]
    public async Task Insights_from_history_read_without_its_text_equals_insights_from_the_whole_rows()
    {
        await using var temp = await TempStore.CreateAsync();
        var journal = temp.Services.GetRequiredService<IActionJournal>();
        for (var i = 0; i < Written.Length; i++)
        {
            var (category, outcome, detail) = Written[i];
            var entry = Update(T0.AddHours(i), category, outcome, detail);
            if (i % 2 == 0)
            {
                await temp.Store.AppendAsync(entry, None);
                continue;
            }
            // The journal's path: begun in progress with no detail, the detail written as the action finishes.
            var issue = new Issue(IssueKind.OutdatedPackages, "packages", IssueSeverity.Warning, "updates", new Dictionary<string, string>(), T0, T0);
            var id = await journal.BeginAsync(entry with { Outcome = ActionOutcome.InProgress, Detail = "" }, issue, None);
            await journal.FinishAsync(id, entry, RollbackSnapshot.Empty, UndoState.NotUndoable, null, null, None);
        }
        // Other history around them, approved and not, so every part of the report has something to say.
        for (var i = 0; i < 12; i++)
            await temp.Store.AppendAsync(Restart(T0.AddDays(1).AddMinutes(i), i % 5 == 0 ? ActionOutcome.Failed : ActionOutcome.Success), None);

        var (whole, counted) = await BothReportsAsync(temp.Store);

        var cause = Assert.Single(whole.RootCauses, c => c.Kind == RootCauseKind.UpdateNoSpace);
        Assert.Equal("4 package updates failed for lack of disk space", cause.Finding);
        Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(counted));
    }

    [Fact]
    public async Task Rows_written_before_the_upgrade_are_marked_as_they_are_read_then()
    {
        await using var store = await OlderStore.CreateAsync("ForecastSelfCheck", async db =>
        {
            // Written with the columns that schema had, as that version of Anna did.
            for (var i = 0; i < Written.Length; i++)
            {
                var (category, outcome, detail) = Written[i];
                var at = T0.AddHours(i).ToUnixTimeMilliseconds();
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"""
                    INSERT INTO action_history (issue_type, subject, action, category, risk, policy, decision, consent, reason, outcome, started_at, finished_at, duration_ms, detail)
                    VALUES ('outdated_packages', 'packages', 'update_packages', {category.ToName()}, 'medium', 'supervised', 'execute', 'implied', 'why', {EnumNames<ActionOutcome>.ToName(outcome)}, {at}, {at + 100}, 100, {detail})
                    """,
                    None);
            }
        });

        var upgraded = await store.UpgradeAsync();
        var (whole, counted) = await BothReportsAsync(upgraded.GetRequiredService<IHistoryStore>());

        var cause = Assert.Single(whole.RootCauses, c => c.Kind == RootCauseKind.UpdateNoSpace);
        Assert.Equal("4 package updates failed for lack of disk space", cause.Finding);
        Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(counted));
    }

    /// <summary>The report from the whole rows, and from the rows read without their text (as insights reads them).</summary>
    private static async Task<(InsightsReport Whole, InsightsReport Counted)> BothReportsAsync(IHistoryStore store)
    {
        var filter = new HistoryFilter { From = From };
        var whole = await store.NewestAsync(filter, InsightsRead.MaxEntries, None);
        var counted = await store.NewestToCountAsync(filter, InsightsRead.MaxEntries, None);
        Assert.Equal(whole.Select(e => e.Id), counted.Select(e => e.Id));
        Assert.All(counted, e => Assert.Equal("", e.Reason));
        var autoHeal = new HashSet<ActionCategory>();
        return (InsightsReport.Build(From, Until, whole, [], [], autoHeal, 15), InsightsReport.Build(From, Until, counted, [], [], autoHeal, 15));
    }

    private static HistoryEntry Update(DateTimeOffset at, ActionCategory category, ActionOutcome outcome, string detail) =>
        Restart(at, outcome, IssueKind.OutdatedPackages, "packages") with
        {
            Action = category == ActionCategory.KernelUpdate ? "update_kernel" : "update_packages",
            Category = category,
            Detail = detail,
        };
}
