using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Anna.Server.Security;

/// <summary>
/// Server-side browser sessions with an idle and an absolute expiry, revocable by an admin or by
/// signing out. In memory: a restart signs everyone out, and no session secret ever reaches disk.
/// </summary>
public sealed class SignInSessions(TimeProvider time, IOptionsMonitor<SessionOptions> options)
{
    public const string Cookie = "anna_session";

    private readonly ConcurrentDictionary<string, SignInSession> _sessions = new(StringComparer.Ordinal);

    public (SignInSession Session, string Secret) Start(AnnaIdentity identity)
    {
        var secret = Secrets.New("sess_");
        var now = time.GetUtcNow();
        var session = new SignInSession(Secrets.Hash(secret)[..16], identity with { Door = AnnaDoor.Cookie }, now, now, Secrets.New("csrf_"));
        _sessions[Secrets.Hash(secret)] = session;
        return (session, secret);
    }

    /// <summary>The live session for a cookie value, its last use moved to now; null when unknown or expired.</summary>
    public SignInSession? Touch(string secret)
    {
        var key = Secrets.Hash(secret);
        if (!_sessions.TryGetValue(key, out var session))
            return null;
        var now = time.GetUtcNow();
        var limits = options.CurrentValue;
        if (now - session.LastUsed > TimeSpan.FromMinutes(limits.IdleMinutes) || now - session.Started > TimeSpan.FromHours(limits.AbsoluteHours))
        {
            _sessions.TryRemove(key, out _);
            return null;
        }
        var used = session with { LastUsed = now };
        _sessions[key] = used;
        return used;
    }

    public void End(string secret) => _sessions.TryRemove(Secrets.Hash(secret), out _);

    public IReadOnlyList<SignInSession> List() => _sessions.Values.OrderBy(s => s.Started).ToList();

    /// <summary>Ends the session with this id (as listed); false when there is none.</summary>
    public bool Revoke(string id)
    {
        foreach (var (key, session) in _sessions)
        {
            if (session.Id == id)
                return _sessions.TryRemove(key, out _);
        }
        return false;
    }
}
