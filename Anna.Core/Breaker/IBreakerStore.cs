namespace Anna.Core.Breaker;

/// <summary>Keeps breaker state across daemon restarts.</summary>
public interface IBreakerStore
{
    Task<IReadOnlyList<BreakerRecord>> LoadAllAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the record for its subject.</summary>
    Task SaveAsync(BreakerRecord record, CancellationToken cancellationToken);
}
