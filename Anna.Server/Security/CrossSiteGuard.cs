namespace Anna.Server.Security;

/// <summary>
/// A browser sends its cookie wherever a page tells it to; this makes sure only Anna's own pages
/// can use it. For a request signed in by cookie: a foreign <c>Origin</c> or a cross-site
/// <c>Sec-Fetch-Site</c> is refused (this covers the WebSockets of the hub and the dashboard), and
/// a state change through the API must also echo the session's anti-forgery token in
/// <c>X-Anna-Csrf</c>. Socket and token callers are not browsers' ambient credentials and pass.
/// </summary>
public sealed class CrossSiteGuard(RequestDelegate next)
{
    public const string CsrfHeader = "X-Anna-Csrf";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Items[typeof(SignInSession)] is SignInSession session && Refusal(context, session) is { } why)
        {
            context.Items[typeof(CrossSiteGuard)] = why;
            await Results.Problem(why, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static string? Refusal(HttpContext context, SignInSession session)
    {
        var request = context.Request;
        // Browsers that send Sec-Fetch-Site say plainly where a request comes from; with
        // Referrer-Policy: no-referrer they send "Origin: null" on their own form posts, so the
        // origin alone decides only for browsers without it.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (site.Length > 0)
        {
            if (site is not ("same-origin" or "none"))
                return $"Sec-Fetch-Site is {site}.";
        }
        else if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return $"Origin {origin} is not this dashboard.";
        if (site.Length > 0 && origin.Length > 0 && origin != "null"
            && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
            return $"Origin {origin} is not this dashboard.";
        var changes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
        if (changes && request.Path.StartsWithSegments("/api")
            && !string.Equals(request.Headers[CsrfHeader].ToString(), session.CsrfToken, StringComparison.Ordinal))
            return $"A change made with a session cookie must carry the session's {CsrfHeader} token (GET /api/v1/auth/me).";
        return null;
    }
}
