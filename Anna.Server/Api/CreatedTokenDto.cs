namespace Anna.Server.Api;

/// <summary>A new token and its secret: the only time the secret is shown.</summary>
public sealed record CreatedTokenDto(ApiTokenDto Token, string Secret);
