namespace Anna.Server.Security;

/// <summary>A browser's signed-in session (server side); the cookie holds only its random id.</summary>
/// <param name="CsrfToken">What a state-changing API call made with this cookie must echo in <c>X-Anna-Csrf</c>.</param>
public sealed record SignInSession(string Id, AnnaIdentity Identity, DateTimeOffset Started, DateTimeOffset LastUsed, string CsrfToken);
