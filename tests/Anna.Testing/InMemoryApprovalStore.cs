using Anna.Core.Vocabulary;
using System.Collections.Concurrent;
using Anna.Core.Approvals;

namespace Anna.Testing;

/// <summary>The approval queue kept in a dictionary.</summary>
public sealed class InMemoryApprovalStore : IApprovalStore
{
    private readonly ConcurrentDictionary<Guid, ApprovalRequest> _requests = new();

    public Task AddAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        _requests[request.Id] = request;
        return Task.CompletedTask;
    }

    public Task UpdateAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        _requests[request.Id] = request;
        return Task.CompletedTask;
    }

    public Task<ApprovalRequest?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        Task.FromResult(_requests.GetValueOrDefault(id));

    public Task<IReadOnlyList<ApprovalRequest>> ListAsync(ApprovalStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApprovalRequest>>(_requests.Values
            .Where(r => status is null || r.Status == status)
            .OrderByDescending(r => r.CreatedAt)
            .ToList());

    public Task<IReadOnlyList<ApprovalStats>> StatsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApprovalStats>>(_requests.Values
            .GroupBy(r => (r.IssueKind, Category: r.Category.ToName()))
            .Select(g => new ApprovalStats(g.Key.IssueKind, g.Key.Category,
                g.Count(r => r.Status == ApprovalStatus.Approved), g.Count(r => r.Status == ApprovalStatus.Rejected)))
            .ToList());
}
