using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Statistics;
using Anna.Core.Vocabulary;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

/// <summary>
/// The Stats read on the SQLite store counts every entry, as the same figures computed from all the rows
/// do, and its per-day chart follows the host's calendar days whatever their offset from UTC — days the
/// store's UTC tallies do not line up with.
/// </summary>
public sealed class StatisticsReadTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    public static TheoryData<string, int> Zones => new()
    {
        { "UTC", 0 },
        { "India", 330 },
        { "Pacific", -480 },
    };

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task Counts_and_days_equal_the_figures_of_every_row(string name, int offsetMinutes)
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone(name, TimeSpan.FromMinutes(offsetMinutes), name, name);
        await using var temp = await TempStore.CreateAsync();
        var contexts = temp.Services.GetRequiredService<IDbContextFactory<AnnaDbContext>>();
        var now = new DateTimeOffset(2026, 3, 21, 9, 40, 0, TimeSpan.Zero);
        // 3,000 actions over the last 20 days (more than the read's 2,000), outcomes and approvers varied, some undone.
        var entries = Enumerable.Range(0, 3_000).Select(i =>
        {
            var outcome = (i % 11) switch { 0 => ActionOutcome.Failed, 1 => ActionOutcome.RolledBack, 2 => ActionOutcome.Suggested, _ => ActionOutcome.Success };
            var entry = Restart(now.AddMinutes(-9.6 * i), outcome, i % 3 == 0 ? IssueKind.LowDisk : IssueKind.FailedService, durationMs: 50 + i % 400);
            return entry with { ApprovedBy = i % 7 == 0 ? "alice" : null, Action = i % 50 == 0 ? "undo" : entry.Action };
        }).ToList();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ActionHistory.AddRange(entries.Select(HistoryMapping.ToRow));
            await db.SaveChangesAsync();
        }

        var read = await StatisticsRead.ReadAsync(temp.Store, now, zone, None);

        var expected = HealingStatistics.From(entries, now, zone);
        var actual = read.Statistics;
        Assert.Equal((2_000, 3_000L), (read.Loaded, read.Total));
        Assert.Equal((expected.Entries, expected.Heals, expected.Successes, expected.AutomaticSuccesses, expected.RolledBack, expected.Undone),
            (actual.Entries, actual.Heals, actual.Successes, actual.AutomaticSuccesses, actual.RolledBack, actual.Undone));
        Assert.Equal(expected.SuccessRateByDay, actual.SuccessRateByDay);
        Assert.Equal(expected.CommonIssues, actual.CommonIssues);
        Assert.Equal(expected.Outcomes, actual.Outcomes);
        // Every one of the 14 days had heals: the chart is not just today's.
        Assert.All(actual.SuccessRateByDay, d => Assert.True(d.Attempts > 0, $"{d.Day}: no heals"));
    }
}
