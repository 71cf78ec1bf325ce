namespace Anna.Core.Sessions;

/// <summary>Durable record of healing sessions.</summary>
public interface ISessionStore
{
    /// <summary>Inserts or replaces the session with the same id (a session is saved when it starts and when it ends).</summary>
    Task SaveAsync(HealingSessionRecord session, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> of the oldest finished sessions started before
    /// <paramref name="before"/>; returns how many. A session still running is kept.
    /// </summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="page"/> counts from 1.</summary>
    Task<IReadOnlyList<HealingSessionRecord>> ListAsync(int page, int pageSize, CancellationToken cancellationToken);
}
