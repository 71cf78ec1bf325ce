namespace Anna.Dashboard.Audit;

/// <summary>The audit trail as the Audit page reads it; the host supplies it from its store.</summary>
public interface IAuditLog
{
    /// <summary>Newest first, one page; <paramref name="who"/> narrows to one user or token name.</summary>
    Task<AuditLogPage> ListAsync(int page, int pageSize, string? who, CancellationToken cancellationToken);
}
