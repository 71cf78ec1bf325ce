using Anna.Core.Insights;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>Issue occurrences held in a list, for page tests.</summary>
public sealed class InMemoryIssueLog : IIssueLog
{
    public List<IssueRecord> Records { get; } = [];

    public Task<IReadOnlyList<IssueRecord>> SeenSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IssueRecord>>([.. Records.Where(r => r.LastSeen >= since).OrderBy(r => r.Id).TakeLast(limit)]);
}
