using Anna.Dashboard.Audit;

namespace Anna.Server.Security;

/// <summary>The dashboard's Audit page reads the same trail as <c>GET /api/v1/audit</c>.</summary>
public sealed class DashboardAuditLog(AuditTrail audit) : IAuditLog
{
    public async Task<AuditLogPage> ListAsync(int page, int pageSize, string? who, CancellationToken cancellationToken)
    {
        var (items, total) = await audit.ListAsync(new AuditQuery(who, null, null, null, null, Math.Max(1, page), Math.Clamp(pageSize, 1, 500)), cancellationToken);
        return new AuditLogPage(items.Select(i => new AuditLogRow(i.At, i.Who, i.Role, i.Door, i.Action, i.Target, i.Status)).ToList(), total);
    }
}
