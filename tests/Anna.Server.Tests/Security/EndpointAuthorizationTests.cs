using System.Net;
using System.Security.Cryptography;
using Anna.Core.History;
using Anna.Server.Security;
using Anna.Server.Tests.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Security;

/// <summary>
/// Every endpoint the app maps, enumerated from its own endpoint data source so a new one cannot
/// be forgotten: anonymous callers are refused (401) except on the few public ones; a viewer may
/// read but not change (403); an operator may act but not administer (403); and a refused call
/// changes nothing (the policy file's hash and the history count stay the same).
/// </summary>
public sealed class EndpointAuthorizationTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    /// <summary>The only routes anyone may call without signing in.</summary>
    private static readonly string[] Public = ["/healthz", "/auth/login", "/auth/logout"];

    [Fact]
    public async Task Anonymous_viewer_and_operator_callers_get_exactly_what_their_role_allows_and_refusals_change_nothing()
    {
        using var anonymous = Callers.Anonymous(factory);
        using var viewer = Callers.WithRole(factory, AnnaRole.Viewer);
        using var @operator = Callers.WithRole(factory, AnnaRole.Operator);
        var policyHash = Hash();
        var historyCount = await HistoryCountAsync();
        var checkedRoutes = 0;

        foreach (var (method, route, needs) in Routes())
        {
            checkedRoutes++;
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(anonymous, method, route)).StatusCode);
            var asViewer = await SendAsync(viewer, method, route);
            if (needs == AnnaPolicies.Viewer)
                Assert.True(asViewer.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"viewer {method} {route}: {asViewer.StatusCode}");
            else
                Assert.True(asViewer.StatusCode == HttpStatusCode.Forbidden, $"viewer {method} {route}: {asViewer.StatusCode}");
            if (needs is AnnaPolicies.Admin or AnnaPolicies.Socket)
                Assert.True((await SendAsync(@operator, method, route)).StatusCode == HttpStatusCode.Forbidden, $"operator {method} {route}");
        }

        Assert.True(checkedRoutes > 20, $"only {checkedRoutes} routes found");
        Assert.Equal(policyHash, Hash());
        Assert.Equal(historyCount, await HistoryCountAsync());
    }

    [Fact]
    public void Exactly_the_routes_that_change_how_Anna_behaves_or_who_may_use_it_need_an_admin()
    {
        var admin = Routes().Where(r => r.Needs == AnnaPolicies.Admin).Select(r => $"{r.Method} {r.Route}").Order().ToList();
        Assert.Equal(
            ["DELETE /api/v1/auth/sessions/1", "DELETE /api/v1/tokens/1", "GET /api/v1/audit", "GET /api/v1/auth/sessions",
             "GET /api/v1/tokens/", "GET /api/v1/webhooks/deliveries", "GET /audit", "POST /api/v1/schedule/learned/apply",
             "POST /api/v1/tokens/", "POST /api/v1/webhooks/deliveries/1/retry", "POST /audit", "PUT /api/v1/policy"],
            admin);
    }

    [Fact]
    public void Every_route_without_sign_in_is_a_static_file_or_on_the_public_list()
    {
        var open = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null || e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !IsStaticAsset(p))
            .Distinct()
            .Order()
            .ToList();
        Assert.Equal(Public.Order(), open);
    }

    private IEnumerable<RouteEndpoint> Endpoints() => factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    /// <summary>(method, concrete path, strictest policy) for every authorized route, Blazor's own transport excepted.</summary>
    private IEnumerable<(string Method, string Route, string Needs)> Routes()
    {
        foreach (var endpoint in Endpoints())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            // A page may ask for roles rather than a policy ([Authorize(Roles = "admin")]): the Audit page.
            var policies = authorize.Select(a => a.Policy ?? (a.Roles == "admin" ? AnnaPolicies.Admin : null)).ToList();
            if (authorize.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || pattern.StartsWith("/_blazor", StringComparison.Ordinal))
                continue;
            var needs = policies.Contains(AnnaPolicies.Socket) ? AnnaPolicies.Socket
                : policies.Contains(AnnaPolicies.Admin) ? AnnaPolicies.Admin
                : policies.Contains(AnnaPolicies.Operator) ? AnnaPolicies.Operator
                : policies.Contains(AnnaPolicies.Metrics) ? AnnaPolicies.Viewer
                : AnnaPolicies.Viewer;
            var path = pattern.Replace("{id}", "1", StringComparison.Ordinal).Replace("{*path:nonfile}", "approvals", StringComparison.Ordinal);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                yield return (method, path, needs);
        }
    }

    private static bool IsStaticAsset(string pattern) =>
        pattern.StartsWith("/_framework", StringComparison.Ordinal) || pattern.StartsWith("/_content", StringComparison.Ordinal)
        || System.IO.Path.HasExtension(pattern.Split('{')[0]) || pattern.StartsWith("/_blazor", StringComparison.Ordinal)
        || pattern.Contains(":file}", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    private string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(factory.PolicyPath)));

    private async Task<long> HistoryCountAsync() =>
        (await factory.Services.GetRequiredService<IHistoryStore>().ListAsync(1, 1, CancellationToken.None)).Total;
}
