using Anna.Core.Vocabulary;
using Anna.Core.History;
using Anna.Core.Issues;

namespace Anna.Testing;

/// <summary>History kept in a list; counts reads so tests can see how often a page asks.</summary>
public sealed class InMemoryHistoryStore : IHistoryStore
{
    private readonly Lock _gate = new();
    private readonly List<HistoryEntry> _entries = [];
    private readonly List<string> _resolved = [];
    private int _listCalls;
    private long _lastId;

    public int ListCalls => Volatile.Read(ref _listCalls);

    public IReadOnlyList<HistoryEntry> Entries
    {
        get { lock (_gate) return _entries.ToList(); }
    }

    public IReadOnlyList<string> Resolved
    {
        get { lock (_gate) return _resolved.ToList(); }
    }

    public Task<long> AppendAsync(HistoryEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Ids are never reused, as in SQLite: a deleted entry's id stays gone.
            var id = ++_lastId;
            _entries.Add(entry with { Id = id });
            return Task.FromResult(id);
        }
    }

    /// <summary>Replaces the entry with the same id (the journal finishing an action).</summary>
    public void Replace(HistoryEntry entry)
    {
        lock (_gate)
            _entries[_entries.FindIndex(e => e.Id == entry.Id)] = entry;
    }

    public Task<HistoryPage> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        ListAsync(HistoryFilter.None, page, pageSize, cancellationToken);

    /// <summary>Filters before paging, as the SQLite store does; newest (highest id) first.</summary>
    public Task<HistoryPage> ListAsync(HistoryFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Interlocked.Increment(ref _listCalls);
        lock (_gate)
        {
            var matches = _entries.Where(filter.Matches).ToList();
            var items = matches.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize).ToList();
            return Task.FromResult(new HistoryPage(items, page, pageSize, matches.Count));
        }
    }

    /// <summary>Deletes the oldest entries started before <paramref name="before"/> that are not in progress (no journal here).</summary>
    public Task<HistoryPruned> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var old = _entries.Where(e => e.StartedAt < before && e.Outcome != ActionOutcome.InProgress).OrderBy(e => e.StartedAt).Take(limit).ToList();
            foreach (var entry in old)
                _entries.Remove(entry);
            return Task.FromResult(new HistoryPruned(old.Count, 0));
        }
    }

    public Task<HistoryEntry?> GetAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_entries.FirstOrDefault(e => e.Id == id));
    }

    public Task<IReadOnlyList<SuccessRate>> SuccessRatesAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SuccessRate>>([]);

    public Task RecordIssueAsync(Issue issue, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ResolveIssueAsync(string key, DateTimeOffset resolvedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
            _resolved.Add(key);
        return Task.CompletedTask;
    }

    public int Count(ActionOutcome outcome) => Entries.Count(e => e.Outcome == outcome);
}
