using Anna.Core.History;
using Anna.Core.Issues;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>History kept in a list; counts reads so tests can see how often the page asks.</summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly Lock _gate = new();
    private readonly List<HistoryEntry> _entries = [];
    private long _nextId = 1;
    private int _listCalls;

    public int ListCalls => Volatile.Read(ref _listCalls);

    public Task<long> AppendAsync(HistoryEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var id = _nextId++;
            _entries.Add(entry with { Id = id });
            return Task.FromResult(id);
        }
    }

    public Task<HistoryPage> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listCalls);
        lock (_gate)
        {
            var items = _entries.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToList();
            return Task.FromResult(new HistoryPage(items, page, pageSize, _entries.Count));
        }
    }

    public Task<IReadOnlyList<SuccessRate>> SuccessRatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SuccessRate>>([]);

    public Task RecordIssueAsync(Issue issue, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ResolveIssueAsync(string key, DateTimeOffset resolvedAt, CancellationToken cancellationToken) => Task.CompletedTask;
}
