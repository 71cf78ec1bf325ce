using Anna.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Anna.Server.Security;

/// <summary>
/// API tokens for scripts and Prometheus: created by an admin with a name, a role and an expiry,
/// shown once, stored as a hash, revocable; each use stamps "last used".
/// </summary>
public sealed class ApiTokens(IDbContextFactory<AnnaDbContext> contexts, TimeProvider time)
{
    public const string Prefix = "anna_";

    /// <summary>Creates a token; the returned secret is the only copy there will ever be.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(string name, AnnaRole role, TimeSpan? lifetime, string createdBy, CancellationToken cancellationToken)
    {
        var secret = Secrets.New(Prefix);
        var now = time.GetUtcNow();
        var row = new ApiTokenRow
        {
            Name = name,
            Role = role.ToString().ToLowerInvariant(),
            Hash = Secrets.Hash(secret),
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = lifetime is { } l ? now + l : null,
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return (ToToken(row), secret);
    }

    /// <summary>The identity a presented token stands for; null when unknown, expired or revoked.</summary>
    public async Task<AnnaIdentity?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100)
            return null;
        var hash = Secrets.Hash(secret);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (row is null || row.RevokedAt is not null || row.ExpiresAt is { } expires && expires <= now)
            return null;
        row.LastUsedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new AnnaIdentity(row.Name, ParseRole(row.Role), AnnaDoor.Token);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToToken);
    }

    /// <summary>Revokes a token; false when there is no such token or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (row is null || row.RevokedAt is not null)
            return false;
        row.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static AnnaRole ParseRole(string role) => Enum.Parse<AnnaRole>(role, ignoreCase: true);

    private static ApiToken ToToken(ApiTokenRow row) =>
        new(row.Id, row.Name, ParseRole(row.Role), row.CreatedBy, row.CreatedAt, row.ExpiresAt, row.LastUsedAt, row.RevokedAt);
}
