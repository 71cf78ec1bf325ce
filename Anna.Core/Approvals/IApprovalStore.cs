namespace Anna.Core.Approvals;

/// <summary>The approval queue, durable so that pending approvals survive a restart.</summary>
public interface IApprovalStore
{
    Task AddAsync(ApprovalRequest request, CancellationToken cancellationToken);

    /// <summary>Replaces the stored request with the same id.</summary>
    Task UpdateAsync(ApprovalRequest request, CancellationToken cancellationToken);

    Task<ApprovalRequest?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Newest first; all statuses when <paramref name="status"/> is null.</summary>
    Task<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, CancellationToken cancellationToken);

    /// <summary>Approved/rejected counts per issue type and category.</summary>
    Task<IReadOnlyList<ApprovalStats>> StatsAsync(CancellationToken cancellationToken);
}
