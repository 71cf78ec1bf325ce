namespace Anna.Server.Api;

public sealed record SignInSessionDto(string Id, string User, string Role, DateTimeOffset Started, DateTimeOffset LastUsed);
