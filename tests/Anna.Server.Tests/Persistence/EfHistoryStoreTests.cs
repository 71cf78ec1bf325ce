using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Policy;
using Anna.Core.Risk;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

public sealed class EfHistoryStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Append_round_trips_every_field()
    {
        await using var temp = await TempStore.CreateAsync();
        var entry = new HistoryEntry
        {
            IssueKind = IssueKind.PackageCache,
            Subject = "/var/cache/apt",
            Action = "clean_package_cache",
            Category = ActionCategory.CacheCleanup,
            Risk = ActionRisk.Medium,
            Policy = HealingPolicy.Guided,
            Decision = DecisionKind.NeedsApproval,
            Consent = ConsentLevel.PerSession,
            Reason = "medium risk requires approval",
            Outcome = ActionOutcome.AwaitingApproval,
            // A non-UTC offset: stored as an instant, read back in UTC.
            StartedAt = new DateTimeOffset(2026, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)),
            FinishedAt = null,
            DurationMs = 0,
            Detail = "waiting",
            SessionId = Guid.NewGuid(),
            ApprovedBy = "alice",
        };

        var id = await temp.Store.AppendAsync(entry, None);
        var page = await temp.Store.ListAsync(1, 10, None);

        var stored = Assert.Single(page.Items);
        Assert.True(id > 0);
        Assert.Equal(entry with { Id = id, StartedAt = entry.StartedAt.ToUniversalTime() }, stored);
        Assert.Equal(entry.StartedAt, stored.StartedAt);
    }

    [Fact]
    public async Task Session_and_approver_are_optional()
    {
        await using var temp = await TempStore.CreateAsync();

        await temp.Store.AppendAsync(Restart(T0), None);

        var stored = Assert.Single((await temp.Store.ListAsync(1, 10, None)).Items);
        Assert.Null(stored.SessionId);
        Assert.Null(stored.ApprovedBy);
    }

    [Fact]
    public async Task Enums_are_stored_as_snake_case_names()
    {
        await using var temp = await TempStore.CreateAsync();
        var entry = Restart(T0, ActionOutcome.AwaitingApproval) with
        {
            Decision = DecisionKind.NeedsApproval,
            Consent = ConsentLevel.PerSession,
            Risk = ActionRisk.Critical,
        };
        await temp.Store.AppendAsync(entry, None);

        using var connection = temp.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT category, risk, policy, decision, consent, outcome, started_at FROM action_history";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("service_restart", reader.GetString(0));
        Assert.Equal("critical", reader.GetString(1));
        Assert.Equal("supervised", reader.GetString(2));
        Assert.Equal("needs_approval", reader.GetString(3));
        Assert.Equal("per_session", reader.GetString(4));
        Assert.Equal("awaiting_approval", reader.GetString(5));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), reader.GetInt64(6));
    }

    [Fact]
    public async Task List_pages_newest_first()
    {
        await using var temp = await TempStore.CreateAsync();
        // Appended out of order, and across offsets, so the order must come from started_at.
        int[] minutes = [3, 0, 4, 1, 2];
        foreach (var minute in minutes)
        {
            var startedAt = T0.AddMinutes(minute).ToOffset(TimeSpan.FromHours(minute - 2));
            await temp.Store.AppendAsync(Restart(startedAt, subject: $"unit{minute}.service"), None);
        }

        var first = await temp.Store.ListAsync(1, 2, None);
        var second = await temp.Store.ListAsync(2, 2, None);
        var third = await temp.Store.ListAsync(3, 2, None);
        var beyond = await temp.Store.ListAsync(4, 2, None);

        Assert.Equal(["unit4.service", "unit3.service"], first.Items.Select(e => e.Subject));
        Assert.Equal(["unit2.service", "unit1.service"], second.Items.Select(e => e.Subject));
        Assert.Equal(["unit0.service"], third.Items.Select(e => e.Subject));
        Assert.Empty(beyond.Items);
        Assert.All([first, second, third, beyond], p => Assert.Equal(5, p.Total));
        Assert.Equal(2, second.Page);
        Assert.Equal(2, second.PageSize);
    }

    [Fact]
    public async Task Same_millisecond_entries_list_latest_insert_first()
    {
        await using var temp = await TempStore.CreateAsync();
        var a = await temp.Store.AppendAsync(Restart(T0), None);
        var b = await temp.Store.AppendAsync(Restart(T0), None);

        var page = await temp.Store.ListAsync(1, 10, None);

        Assert.Equal([b, a], page.Items.Select(e => e.Id));
    }

    [Theory]
    [InlineData(0, 0, 1, 1)]
    [InlineData(-3, 10, 1, 10)]
    [InlineData(2, 1000, 2, 500)]
    [InlineData(1, -5, 1, 1)]
    public async Task List_clamps_page_and_page_size(int page, int pageSize, int expectedPage, int expectedSize)
    {
        await using var temp = await TempStore.CreateAsync();

        var result = await temp.Store.ListAsync(page, pageSize, None);

        Assert.Equal(expectedPage, result.Page);
        Assert.Equal(expectedSize, result.PageSize);
        Assert.Equal(0, result.Total);
    }

    [Fact]
    public async Task Success_rates_count_executed_actions_only()
    {
        await using var temp = await TempStore.CreateAsync();
        var s = temp.Store;
        // failed_service: 3 executed (2 ok, 1 failed) + noise that did not run.
        await s.AppendAsync(Restart(T0, ActionOutcome.Success, durationMs: 100), None);
        await s.AppendAsync(Restart(T0, ActionOutcome.Success, durationMs: 200), None);
        await s.AppendAsync(Restart(T0, ActionOutcome.Failed, durationMs: 600), None);
        await s.AppendAsync(Restart(T0, ActionOutcome.Suggested, durationMs: 9999), None);
        await s.AppendAsync(Restart(T0, ActionOutcome.AwaitingApproval, durationMs: 9999), None);
        await s.AppendAsync(Restart(T0, ActionOutcome.DryRun, durationMs: 9999), None);
        // low_disk: one failure.
        await s.AppendAsync(Restart(T0, ActionOutcome.Failed, IssueKind.LowDisk, durationMs: 50), None);
        // log_size: only suggestions, so no row at all.
        await s.AppendAsync(Restart(T0, ActionOutcome.Suggested, IssueKind.LogSize), None);

        var rates = await s.SuccessRatesAsync(None);

        Assert.Equal(
            [
                new SuccessRate(IssueKind.FailedService, 3, 2, 2.0 / 3, 300),
                new SuccessRate(IssueKind.LowDisk, 1, 0, 0, 50),
            ],
            rates);
    }

    [Fact]
    public async Task Rolled_back_is_a_failed_attempt_while_in_progress_and_undo_rows_are_no_attempt()
    {
        await using var temp = await TempStore.CreateAsync();
        var s = temp.Store;
        await s.AppendAsync(Restart(T0, ActionOutcome.Success, durationMs: 100), None);
        await s.AppendAsync(Restart(T0, ActionOutcome.RolledBack, durationMs: 500), None);
        await s.AppendAsync(Restart(T0, ActionOutcome.InProgress, durationMs: 0), None);
        // Undoing a heal is a person's choice, not a verdict on the fix.
        await s.AppendAsync(Restart(T0, ActionOutcome.Success, durationMs: 9999) with { Action = Anna.Core.Rollback.UndoService.UndoActionName }, None);

        var rate = Assert.Single(await s.SuccessRatesAsync(None));

        Assert.Equal(new SuccessRate(IssueKind.FailedService, 2, 1, 0.5, 300), rate);
    }

    [Fact]
    public async Task In_progress_and_rolled_back_are_stored_under_their_snake_case_names_and_read_back()
    {
        await using var temp = await TempStore.CreateAsync();
        var running = await temp.Store.AppendAsync(Restart(T0, ActionOutcome.InProgress), None);
        var rolledBack = await temp.Store.AppendAsync(Restart(T0, ActionOutcome.RolledBack), None);

        using (var connection = temp.OpenRaw())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT outcome FROM action_history ORDER BY id";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            Assert.Equal("in_progress", reader.GetString(0));
            Assert.True(reader.Read());
            Assert.Equal("rolled_back", reader.GetString(0));
        }
        Assert.Equal(ActionOutcome.InProgress, (await temp.Store.GetAsync(running, None))!.Outcome);
        Assert.Equal(ActionOutcome.RolledBack, (await temp.Store.GetAsync(rolledBack, None))!.Outcome);
        Assert.Null(await temp.Store.GetAsync(rolledBack + 1, None));
    }

    [Fact]
    public async Task Success_rates_of_empty_history_are_empty()
    {
        await using var temp = await TempStore.CreateAsync();

        Assert.Empty(await temp.Store.SuccessRatesAsync(None));
    }

    [Fact]
    public async Task Concurrent_appends_are_all_stored()
    {
        await using var temp = await TempStore.CreateAsync();
        const int writers = 20;

        // Release all writers together so they really contend for the database.
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers)
            .Select(i => Task.Run(async () =>
            {
                start.Wait();
                return await temp.Store.AppendAsync(Restart(T0.AddSeconds(i), subject: $"u{i}.service"), None);
            }))
            .ToArray();
        start.Set();
        var ids = await Task.WhenAll(tasks);

        Assert.Equal(writers, ids.Distinct().Count());
        var page = await temp.Store.ListAsync(1, 100, None);
        Assert.Equal(writers, page.Total);
        Assert.Equal(
            Enumerable.Range(0, writers).Select(i => $"u{i}.service").Reverse(),
            page.Items.Select(e => e.Subject));
    }
}
