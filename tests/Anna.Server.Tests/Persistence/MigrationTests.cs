using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Policy;
using Anna.Core.Risk;
using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

/// <summary>An installed Anna upgrades its file in place: what the older schema held must still be there.</summary>
public sealed class MigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Upgrading_from_the_initial_schema_keeps_history_and_issues()
    {
        await using var store = await OlderStore.CreateAsync("InitialCreate", async db =>
        {
            // Written with the columns the initial schema had, as that version of Anna did.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO action_history (issue_type, subject, action, category, risk, policy, decision, consent, reason, outcome, started_at, finished_at, duration_ms, detail)
                VALUES ('failed_service', 'nginx.service', 'restart_service', 'service_restart', 'low', 'supervised', 'execute', 'implied', 'why', 'success', {T0.ToUnixTimeMilliseconds()}, {T0.AddMilliseconds(100).ToUnixTimeMilliseconds()}, 100, 'job done')
                """,
                None);
            // Raw SQL is a format string: the doubled braces store the empty JSON object "{}".
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO issues (kind, subject, "key", severity, summary, evidence, first_seen, last_seen)
                VALUES ('failed_service', 'nginx.service', 'failed_service:nginx.service', 'warning', 'nginx failed', '{{}}', 0, 0)
                """,
                None);
            Assert.NotEmpty(await db.Database.GetPendingMigrationsAsync(None));
        });

        var upgraded = await store.UpgradeAsync();

        var history = await upgraded.GetRequiredService<IHistoryStore>().ListAsync(1, 10, None);
        var entry = Assert.Single(history.Items);
        Assert.Equal(
            Restart(T0) with
            {
                Id = entry.Id,
                Reason = "why",
                Category = ActionCategory.ServiceRestart,
                Risk = ActionRisk.Low,
                Policy = HealingPolicy.Supervised,
                Decision = DecisionKind.Execute,
                Consent = ConsentLevel.Implied,
            },
            entry);
        Assert.Null(entry.SessionId);
        Assert.Null(entry.ApprovedBy);

        await using var check = await upgraded.GetRequiredService<IDbContextFactory<AnnaDbContext>>().CreateDbContextAsync(None);
        Assert.Equal("nginx failed", (await check.Issues.SingleAsync(None)).Summary);
        Assert.Empty(await check.Database.GetPendingMigrationsAsync(None));
        // The new tables are there and usable on the upgraded file.
        Assert.Equal(0, await check.Breakers.CountAsync(None));
        Assert.Equal(0, await check.Approvals.CountAsync(None));
        Assert.Equal(0, await check.HealingSessions.CountAsync(None));
        Assert.Equal(0, await check.Settings.CountAsync(None));
    }
}
