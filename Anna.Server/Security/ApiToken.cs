namespace Anna.Server.Security;

/// <summary>An API token as an admin sees it: never the secret itself, which is shown once at creation.</summary>
public sealed record ApiToken(long Id, string Name, AnnaRole Role, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
