using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Anna.Server.Security;

/// <summary>
/// Establishes who is asking, once, at the door: the Unix socket's peer credentials (the kernel's
/// word, never the client's), else a bearer API token, else a browser session cookie. Headers a
/// client may set (X-Anna-User, X-Forwarded-*) never name anyone.
/// </summary>
public sealed class AnnaAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RoleResolver roles,
    ApiTokens tokens,
    SignInSessions sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PeerCredentials.UidOf(Context) is { } uid)
        {
            return roles.ForUid(uid) is { } local
                ? Success(local)
                : AuthenticateResult.Fail($"uid {uid} holds no role on this machine");
        }
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return await tokens.AuthenticateAsync(authorization[7..].Trim(), Context.RequestAborted) is { } token
                ? Success(token)
                : AuthenticateResult.Fail("unknown, expired or revoked API token");
        }
        if (Request.Cookies[SignInSessions.Cookie] is { Length: > 0 } cookie && sessions.Touch(cookie) is { } session)
        {
            Context.Items[typeof(SignInSession)] = session;
            return Success(session.Identity);
        }
        return AuthenticateResult.NoResult();
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        if (IsPage())
        {
            Response.ContentType = "text/html; charset=utf-8";
            await Response.WriteAsync(SignInPage.Html);
            return;
        }
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            "Sign in first: on this machine use the Unix socket (annactl), in a browser open a one-time link from `annactl dashboard`, from a script send an API token as 'Authorization: Bearer …'.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var who = AnnaIdentity.From(Context.User);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(
            who is null ? "Not allowed." : $"{who.Name} is {who.Role.ToString().ToLowerInvariant()} through the {who.Door.ToString().ToLowerInvariant()} door, which may not do this.",
            statusCode: StatusCodes.Status403Forbidden, title: "Not allowed").ExecuteAsync(Context);
    }

    private bool IsPage() => !Request.Path.StartsWithSegments("/api") && !Request.Path.StartsWithSegments("/hubs")
        && !Request.Path.StartsWithSegments("/metrics") && HttpMethods.IsGet(Request.Method);

    private AuthenticateResult Success(AnnaIdentity identity) =>
        AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(), AnnaIdentity.Scheme));
}
