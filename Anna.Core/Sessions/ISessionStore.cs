namespace Anna.Core.Sessions;

/// <summary>Durable record of healing sessions.</summary>
public interface ISessionStore
{
    /// <summary>Inserts or replaces the session with the same id (a session is saved when it starts and when it ends).</summary>
    Task SaveAsync(HealingSessionRecord session, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="page"/> counts from 1.</summary>
    Task<IReadOnlyList<HealingSessionRecord>> ListAsync(int page, int pageSize, CancellationToken cancellationToken);
}
