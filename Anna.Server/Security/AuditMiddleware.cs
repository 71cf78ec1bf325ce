namespace Anna.Server.Security;

/// <summary>
/// Records, after the response is decided, every request that changes state or signs someone in
/// or out, and every refusal (401, 403, 429) anywhere — with the identity the door established.
/// Reads are not recorded: the trail says who did what, not who looked.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditTrail audit)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            if (Audited(context.Request, status))
            {
                var action = $"{context.Request.Method} {context.Request.Path}";
                var target = context.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString() : null;
                var peer = context.Connection.RemoteIpAddress?.ToString() ?? (PeerCredentials.UidOf(context) is { } uid ? $"uid {uid}" : null);
                await audit.RecordAsync(AnnaIdentity.From(context.User), action, target, status, peer, CancellationToken.None);
            }
        }
    }

    private static bool Audited(HttpRequest request, int status)
    {
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests)
            return !request.Path.StartsWithSegments("/_blazor") || status != StatusCodes.Status401Unauthorized;
        if (request.Path.StartsWithSegments("/auth"))
            return true;
        var changes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
        return changes && request.Path.StartsWithSegments("/api");
    }
}
