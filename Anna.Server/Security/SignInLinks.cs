using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Anna.Server.Security;

/// <summary>
/// One-time sign-in links, handed out through the socket to a user already logged in to the
/// machine: single use, short-lived, bound to that user and role. Kept in memory only: a restart
/// voids them, which is what a 60-second secret should do anyway.
/// </summary>
public sealed class SignInLinks(TimeProvider time, IOptionsMonitor<SessionOptions> options)
{
    private readonly ConcurrentDictionary<string, (AnnaIdentity Identity, DateTimeOffset Expires)> _links = new(StringComparer.Ordinal);

    /// <summary>A new link secret for <paramref name="identity"/> and when it expires.</summary>
    public (string Secret, DateTimeOffset Expires) Issue(AnnaIdentity identity)
    {
        Prune();
        var secret = Secrets.New("link_");
        var expires = time.GetUtcNow().AddSeconds(options.CurrentValue.LinkSeconds);
        _links[Secrets.Hash(secret)] = (identity with { Door = AnnaDoor.Cookie }, expires);
        return (secret, expires);
    }

    /// <summary>Uses a link: the identity it was issued for, once; null when unknown, used or expired.</summary>
    public AnnaIdentity? Redeem(string secret)
    {
        if (!_links.TryRemove(Secrets.Hash(secret), out var link))
            return null;
        return link.Expires > time.GetUtcNow() ? link.Identity : null;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (key, link) in _links)
        {
            if (link.Expires <= now)
                _links.TryRemove(key, out _);
        }
    }
}
