using Anna.Core.Vocabulary;
using Anna.Core.Approvals;
using Anna.Core.Issues;
using Anna.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Persistence;

public sealed class EfApprovalStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static ApprovalRequest Request(
        DateTimeOffset createdAt,
        ApprovalStatus status = ApprovalStatus.Pending,
        string issueKind = IssueKind.PackageCache,
        ActionCategory category = ActionCategory.CacheCleanup) => new()
        {
            Id = Guid.NewGuid(),
            IssueKey = $"{issueKind}:/var/cache/apt",
            IssueKind = issueKind,
            Subject = "/var/cache/apt",
            Action = "clean_package_cache",
            Category = category,
            Risk = ActionRisk.Medium,
            DryRun = "would free 1.2 GiB",
            Reason = "medium risk requires approval",
            CreatedAt = createdAt,
            ExpiresAt = createdAt.AddHours(1),
            Status = status,
        };

    [Fact]
    public async Task Add_round_trips_every_field()
    {
        await using var temp = await TempStore.CreateAsync();
        // A non-UTC offset: stored as an instant, read back in UTC.
        var created = new DateTimeOffset(2026, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2));
        var request = new ApprovalRequest
        {
            Id = Guid.NewGuid(),
            IssueKey = "failed_service:nginx.service",
            IssueKind = IssueKind.FailedService,
            Subject = "nginx.service",
            Action = "restart_service",
            Category = ActionCategory.ServiceRestart,
            Risk = ActionRisk.High,
            DryRun = "would restart nginx.service (2 dependants)",
            Reason = "high risk requires approval",
            CreatedAt = created,
            ExpiresAt = created.AddMinutes(30),
            Status = ApprovalStatus.Approved,
            DecidedBy = "alice",
            DecidedAt = created.AddMinutes(2).AddMilliseconds(5),
            SessionId = Guid.NewGuid(),
        };

        await temp.Approvals.AddAsync(request, None);
        var got = await temp.Approvals.GetAsync(request.Id, None);
        var listed = Assert.Single(await temp.Approvals.ListAsync(null, None));

        var expected = request with
        {
            CreatedAt = created.ToUniversalTime(),
            ExpiresAt = request.ExpiresAt.ToUniversalTime(),
            DecidedAt = request.DecidedAt!.Value.ToUniversalTime(),
        };
        Assert.Equal(expected, got);
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task A_pending_request_round_trips_without_decision_or_session()
    {
        await using var temp = await TempStore.CreateAsync();
        var request = Request(T0);

        await temp.Approvals.AddAsync(request, None);

        Assert.Equal(request, await temp.Approvals.GetAsync(request.Id, None));
    }

    [Fact]
    public async Task Get_of_an_unknown_id_is_null()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Approvals.AddAsync(Request(T0), None);

        Assert.Null(await temp.Approvals.GetAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task Update_replaces_the_request_with_the_same_id()
    {
        await using var temp = await TempStore.CreateAsync();
        var request = Request(T0);
        var other = Request(T0.AddSeconds(1));
        await temp.Approvals.AddAsync(request, None);
        await temp.Approvals.AddAsync(other, None);

        var decided = request with { Status = ApprovalStatus.Rejected, DecidedBy = "bob", DecidedAt = T0.AddMinutes(3) };
        await temp.Approvals.UpdateAsync(decided, None);

        Assert.Equal(decided, await temp.Approvals.GetAsync(request.Id, None));
        Assert.Equal(other, await temp.Approvals.GetAsync(other.Id, None));
    }

    [Fact]
    public async Task Update_of_a_request_never_added_throws()
    {
        await using var temp = await TempStore.CreateAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => temp.Approvals.UpdateAsync(Request(T0), None));
        Assert.Empty(await temp.Approvals.ListAsync(null, None));
    }

    [Fact]
    public async Task Adding_an_id_twice_fails()
    {
        await using var temp = await TempStore.CreateAsync();
        var request = Request(T0);
        await temp.Approvals.AddAsync(request, None);

        await Assert.ThrowsAsync<DbUpdateException>(() => temp.Approvals.AddAsync(request with { Subject = "x" }, None));
        Assert.Equal(request, await temp.Approvals.GetAsync(request.Id, None));
    }

    [Fact]
    public async Task List_is_newest_first_and_filters_by_status()
    {
        await using var temp = await TempStore.CreateAsync();
        // Added out of order, so the order must come from created_at.
        var pendingOld = Request(T0);
        var approved = Request(T0.AddMinutes(1), ApprovalStatus.Approved);
        var pendingNew = Request(T0.AddMinutes(3));
        var expired = Request(T0.AddMinutes(2), ApprovalStatus.Expired);
        foreach (var r in new[] { approved, pendingNew, pendingOld, expired })
        {
            await temp.Approvals.AddAsync(r, None);
        }

        Assert.Equal([pendingNew, expired, approved, pendingOld], await temp.Approvals.ListAsync(null, None));
        Assert.Equal([pendingNew, pendingOld], await temp.Approvals.ListAsync(ApprovalStatus.Pending, None));
        Assert.Equal([approved], await temp.Approvals.ListAsync(ApprovalStatus.Approved, None));
        Assert.Empty(await temp.Approvals.ListAsync(ApprovalStatus.Rejected, None));
    }

    [Fact]
    public async Task Stats_count_decisions_per_issue_type_and_category()
    {
        await using var temp = await TempStore.CreateAsync();
        var a = temp.Approvals;
        // package_cache / cache_cleanup: 2 approved, 1 rejected, plus undecided noise.
        await a.AddAsync(Request(T0, ApprovalStatus.Approved), None);
        await a.AddAsync(Request(T0, ApprovalStatus.Approved), None);
        await a.AddAsync(Request(T0, ApprovalStatus.Rejected), None);
        await a.AddAsync(Request(T0, ApprovalStatus.Pending), None);
        await a.AddAsync(Request(T0, ApprovalStatus.Expired), None);
        // failed_service / service_restart: rejected only.
        await a.AddAsync(Request(T0, ApprovalStatus.Rejected, IssueKind.FailedService, ActionCategory.ServiceRestart), None);
        // failed_service / package_update: approved only.
        await a.AddAsync(Request(T0, ApprovalStatus.Approved, IssueKind.FailedService, ActionCategory.PackageUpdate), None);
        // low_disk: undecided only, so no row at all.
        await a.AddAsync(Request(T0, ApprovalStatus.Pending, IssueKind.LowDisk), None);

        var stats = await a.StatsAsync(None);

        Assert.Equal(
            [
                new ApprovalStats(IssueKind.FailedService, "package_update", 1, 0),
                new ApprovalStats(IssueKind.FailedService, "service_restart", 0, 1),
                new ApprovalStats(IssueKind.PackageCache, "cache_cleanup", 2, 1),
            ],
            stats);
    }

    [Fact]
    public async Task Stats_of_no_decisions_are_empty()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Approvals.AddAsync(Request(T0), None);

        Assert.Empty(await temp.Approvals.StatsAsync(None));
    }

    [Fact]
    public async Task Enums_are_stored_as_names_and_times_as_unix_milliseconds()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.Approvals.AddAsync(Request(T0, ApprovalStatus.Expired) with { Risk = ActionRisk.Critical }, None);

        using var connection = temp.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT category, risk, status, created_at, expires_at FROM approvals";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("cache_cleanup", reader.GetString(0));
        Assert.Equal("critical", reader.GetString(1));
        Assert.Equal("expired", reader.GetString(2));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), reader.GetInt64(3));
        Assert.Equal(T0.AddHours(1).ToUnixTimeMilliseconds(), reader.GetInt64(4));
    }

    [Fact]
    public async Task Pending_requests_survive_a_restart()
    {
        await using var temp = await TempStore.CreateAsync();
        var request = Request(T0);
        await temp.Approvals.AddAsync(request, None);

        await using var restarted = await temp.RestartAsync();
        var pending = await restarted.GetRequiredService<IApprovalStore>().ListAsync(ApprovalStatus.Pending, None);

        Assert.Equal([request], pending);
    }
}
