using Microsoft.AspNetCore.Authorization;

namespace Anna.Server.Security;

/// <summary>One authorization policy per role; every endpoint, the hub and the dashboard use these.</summary>
public static class AnnaPolicies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
    /// <summary>Only a caller on the Unix socket (the kernel vouched for its uid): sign-in links.</summary>
    public const string Socket = "socket";
    /// <summary><c>/metrics</c>: a viewer, or anyone on this machine's loopback when <c>Anna:Sessions:MetricsOpenOnLoopback</c>.</summary>
    public const string Metrics = "metrics";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, Needs(AnnaRole.Viewer));
        options.AddPolicy(Operator, Needs(AnnaRole.Operator));
        options.AddPolicy(Admin, Needs(AnnaRole.Admin));
        options.AddPolicy(Metrics, p => p.AddAuthenticationSchemes(AnnaIdentity.Scheme).RequireAssertion(c =>
            AnnaIdentity.From(c.User)?.May(AnnaRole.Viewer) == true
            || c.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } ip && System.Net.IPAddress.IsLoopback(ip)
               && http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<SessionOptions>>().CurrentValue.MetricsOpenOnLoopback));
        options.AddPolicy(Socket, p => p.AddAuthenticationSchemes(AnnaIdentity.Scheme).RequireAuthenticatedUser()
            .RequireAssertion(c => AnnaIdentity.From(c.User)?.Door == AnnaDoor.Socket));
    }

    private static Action<AuthorizationPolicyBuilder> Needs(AnnaRole role) => p => p
        .AddAuthenticationSchemes(AnnaIdentity.Scheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => AnnaIdentity.From(c.User)?.May(role) == true);

    /// <summary>
    /// What a route needs, from its authorization metadata: the strictest of the policies it carries
    /// (the group's default and the route's own); null when it needs no sign-in.
    /// </summary>
    public static string? Strictest(IEnumerable<object> endpointMetadata)
    {
        var policies = endpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy ?? (a.Roles == Admin ? Admin : Viewer)).ToList();
        if (policies.Count == 0 || endpointMetadata.OfType<IAllowAnonymous>().Any())
            return null;
        return new[] { Socket, Admin, Operator, Viewer }.FirstOrDefault(policies.Contains) ?? Viewer;
    }

    /// <summary>The policy a route needs when it says nothing more: reading needs a viewer, changing needs an operator.</summary>
    public static string ForMethod(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Viewer : Operator;
}
