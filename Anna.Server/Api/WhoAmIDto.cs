namespace Anna.Server.Api;

/// <summary>Who the request was made as; a cookie session also gets the token its changes must echo in X-Anna-Csrf.</summary>
public sealed record WhoAmIDto(string Name, string Role, string Door, string? CsrfToken);
