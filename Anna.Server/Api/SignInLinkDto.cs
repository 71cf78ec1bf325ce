namespace Anna.Server.Api;

/// <summary>A one-time sign-in link: open it in a browser before <paramref name="ExpiresAt"/>.</summary>
public sealed record SignInLinkDto(string Url, DateTimeOffset ExpiresAt, string User, string Role);
