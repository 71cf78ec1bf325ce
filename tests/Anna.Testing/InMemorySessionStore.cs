using System.Collections.Concurrent;
using Anna.Core.Sessions;

namespace Anna.Testing;

/// <summary>Sessions kept in a dictionary.</summary>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<Guid, HealingSessionRecord> _sessions = new();

    public IReadOnlyList<HealingSessionRecord> All => _sessions.Values.OrderBy(s => s.StartedAt).ToList();

    public Task SaveAsync(HealingSessionRecord session, CancellationToken cancellationToken)
    {
        _sessions[session.Id] = session;
        return Task.CompletedTask;
    }

    public Task<int> DeleteOlderThanAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken)
    {
        var old = _sessions.Values.Where(s => s.StartedAt < before && s.FinishedAt is not null).OrderBy(s => s.StartedAt).Take(limit).ToList();
        return Task.FromResult(old.Count(s => _sessions.TryRemove(s.Id, out _)));
    }

    public Task<IReadOnlyList<HealingSessionRecord>> ListAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<HealingSessionRecord>>(
            _sessions.Values.OrderByDescending(s => s.StartedAt).Skip((page - 1) * pageSize).Take(pageSize).ToList());
}
