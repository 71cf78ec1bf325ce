using System.Collections.Concurrent;
using Anna.Core.Breaker;

namespace Anna.Testing;

/// <summary>Breaker records kept in a dictionary; a new breaker on the same instance plays a restart.</summary>
public sealed class InMemoryBreakerStore : IBreakerStore
{
    private readonly ConcurrentDictionary<string, BreakerRecord> _records = new(StringComparer.Ordinal);

    public int Saves { get; private set; }

    public Task<IReadOnlyList<BreakerRecord>> LoadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BreakerRecord>>(_records.Values.ToList());

    public Task SaveAsync(BreakerRecord record, CancellationToken cancellationToken)
    {
        _records[record.Subject] = record;
        Saves++;
        return Task.CompletedTask;
    }

    public BreakerRecord? Get(string subject) => _records.GetValueOrDefault(subject);
}
