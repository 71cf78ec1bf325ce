namespace Anna.Server.Api;

/// <summary>Body of <c>POST /api/v1/tokens</c>.</summary>
public sealed record CreateTokenRequest(string? Name, string? Role, int? ExpiresInDays);
