using Anna.Core.Breaker;

namespace Anna.Testing;

/// <summary>Breaker records kept in a dictionary; outlives the breaker instances that use it, like a database.</summary>
public sealed class InMemoryBreakerStore : IBreakerStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BreakerRecord> _records = [];

    /// <summary>Makes every save yield first, as a real database would, so concurrent callers interleave.</summary>
    public bool YieldOnSave { get; init; }

    public int Saves { get; private set; }

    public BreakerRecord? this[string subject]
    {
        get { lock (_gate) return _records.GetValueOrDefault(subject); }
    }

    public Task<IReadOnlyList<BreakerRecord>> LoadAllAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<BreakerRecord>>(_records.Values.ToList());
    }

    public async Task SaveAsync(BreakerRecord record, CancellationToken cancellationToken)
    {
        if (YieldOnSave)
            await Task.Yield();
        lock (_gate)
        {
            _records[record.Subject] = record;
            Saves++;
        }
    }
}
