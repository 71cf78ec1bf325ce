using Anna.Server.Security;

namespace Anna.Server.Api;

public sealed record ApiTokenDto(long Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public static ApiTokenDto From(ApiToken t) =>
        new(t.Id, t.Name, AuthApi.Role(t.Role), t.CreatedBy, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
