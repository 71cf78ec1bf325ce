using System.Text.RegularExpressions;
using Anna.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Anna.Server.Api;

/// <summary>
/// Signing in without passwords: a one-time link handed out on the Unix socket, redeemed by a
/// browser for a session cookie; who am I; sign out; and an admin's view of sign-in sessions.
/// </summary>
public static partial class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app, RouteGroupBuilder v1)
    {
        // Outside the v1 group: any role may ask for its own link, but only through the socket.
        app.MapPost("/api/v1/auth/login-link", IssueLink).RequireAuthorization(AnnaPolicies.Socket);
        v1.MapGet("/auth/me", Me);
        v1.MapGet("/auth/sessions", ListSessions).RequireAuthorization(AnnaPolicies.Admin);
        v1.MapDelete("/auth/sessions/{id}", RevokeSession).RequireAuthorization(AnnaPolicies.Admin);
        app.MapGet("/auth/login", SignIn).AllowAnonymous().RequireRateLimiting(AnnaRateLimits.SignIn);
        app.MapPost("/auth/logout", SignOut).AllowAnonymous();
        return app;
    }

    /// <param name="then">Where the browser goes once signed in: a dashboard path (e.g. <c>/history?id=12</c>); the start page when absent.</param>
    public static Results<Ok<SignInLinkDto>, ValidationProblem> IssueLink(string? then, HttpContext http, SignInLinks links, IOptions<AnnaDashboardAddress> address)
    {
        if (then is not null && !LocalPath.IsLocal(then))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["then"] = [$"then is a path of the dashboard starting with a single /, at most {LocalPath.MaxLength} characters"] });
        var who = AnnaIdentity.From(http.User)!;
        var (secret, expires) = links.Issue(who);
        var url = new Uri(address.Value.BaseUri, $"auth/login?token={Uri.EscapeDataString(secret)}"
            + (then is null ? "" : $"&then={Uri.EscapeDataString(then)}"));
        return TypedResults.Ok(new SignInLinkDto(url.ToString(), expires, who.Name, Role(who.Role)));
    }

    public static Results<RedirectHttpResult, ContentHttpResult> SignIn(string? token, string? then, HttpContext http, SignInLinks links, SignInSessions sessions)
    {
        if (token is null || !ValidSecret().IsMatch(token) || links.Redeem(token) is not { } who)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return TypedResults.Content(
                "<!DOCTYPE html><title>Anna</title><p>This sign-in link is not valid: it was used already, it expired, or it was never issued. Run <code>annactl dashboard</code> for a new one.</p>",
                "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        }
        var (_, secret) = sessions.Start(who);
        http.Response.Cookies.Append(SignInSessions.Cookie, secret, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            IsEssential = true,
        });
        // The identity for the audit row of this very request.
        http.User = who.ToPrincipal();
        // Only a path of this dashboard: a link cannot be turned into a redirect elsewhere.
        return TypedResults.Redirect(LocalPath.IsLocal(then) ? then! : "/");
    }

    public static RedirectHttpResult SignOut(HttpContext http, SignInSessions sessions)
    {
        if (http.Request.Cookies[SignInSessions.Cookie] is { Length: > 0 } cookie)
            sessions.End(cookie);
        http.Response.Cookies.Delete(SignInSessions.Cookie, new CookieOptions { Path = "/" });
        return TypedResults.Redirect("/");
    }

    public static Ok<WhoAmIDto> Me(HttpContext http)
    {
        var who = AnnaIdentity.From(http.User)!;
        var csrf = http.Items[typeof(SignInSession)] is SignInSession session ? session.CsrfToken : null;
        return TypedResults.Ok(new WhoAmIDto(who.Name, Role(who.Role), who.Door.ToString().ToLowerInvariant(), csrf));
    }

    public static Ok<IReadOnlyList<SignInSessionDto>> ListSessions(SignInSessions sessions) =>
        TypedResults.Ok<IReadOnlyList<SignInSessionDto>>(sessions.List()
            .Select(s => new SignInSessionDto(s.Id, s.Identity.Name, Role(s.Identity.Role), s.Started, s.LastUsed)).ToList());

    public static Results<NoContent, NotFound<ProblemDetails>> RevokeSession(string id, SignInSessions sessions) =>
        sessions.Revoke(id)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ProblemDetails { Title = "No such session", Detail = $"No signed-in session has id {id}.", Status = 404 });

    internal static string Role(AnnaRole role) => role.ToString().ToLowerInvariant();

    [GeneratedRegex("^link_[A-Za-z0-9_-]{43}$")]
    private static partial Regex ValidSecret();
}
