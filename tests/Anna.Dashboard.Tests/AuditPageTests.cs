using Anna.Dashboard.Audit;

using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Dashboard.Tests;

/// <summary>The Audit page lists what the host's trail holds, newest first, and filters by who.</summary>
public sealed class AuditPageTests : DashboardTestContext
{
    private readonly ListAuditLog _log = new(
    [
        new AuditLogRow(DateTimeOffset.UtcNow, "nobody", "viewer", "socket", "POST /api/v1/healing/disable", null, 403),
        new AuditLogRow(DateTimeOffset.UtcNow.AddMinutes(-1), "alice", "operator", "cookie", "POST /api/v1/approvals", null, 200),
    ]);

    public AuditPageTests()
    {
        Services.AddSingleton<IAuditLog>(_log);
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public void Rows_show_who_role_door_what_and_status_and_the_filter_asks_for_one_person()
    {
        var cut = Render<Pages.Audit>();

        var rows = cut.FindAll("[data-testid=audit-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("nobody", rows[0].TextContent);
        Assert.Contains("POST /api/v1/healing/disable", rows[0].TextContent);
        Assert.Equal("403", rows[0].GetAttribute("data-status"));

        cut.Find("input[data-testid=audit-who]").Change("alice");
        cut.Find("[data-testid=audit-filter]").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=audit-row]")), Patience);
        Assert.Equal("alice", _log.LastWho);
    }

    private sealed class ListAuditLog(IReadOnlyList<AuditLogRow> rows) : IAuditLog
    {
        public string? LastWho { get; private set; }

        public Task<AuditLogPage> ListAsync(int page, int pageSize, string? who, CancellationToken cancellationToken)
        {
            LastWho = who;
            var matching = rows.Where(r => who is null || r.Who == who).ToList();
            return Task.FromResult(new AuditLogPage(matching, matching.Count));
        }
    }
}
