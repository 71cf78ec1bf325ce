using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Server.Security;
using Anna.Server.Tests.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json against the app itself: every /api/v1 endpoint is in
/// it with the role it needs, and what endpoints really return has the shape the document says.
/// </summary>
public sealed class OpenApiTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    private const string Document = "/openapi/v1.json";

    [Fact]
    public async Task Every_api_endpoint_is_described_with_the_role_it_needs_and_a_viewer_may_read_it()
    {
        using var anonymous = Callers.Anonymous(factory);
        using var viewer = Callers.WithRole(factory, AnnaRole.Viewer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Document)).StatusCode);
        using var document = JsonDocument.Parse(await viewer.GetStringAsync(Document));
        var paths = document.RootElement.GetProperty("paths");

        var described = paths.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Key: $"{o.Name.ToUpperInvariant()} {p.Name}", Role: o.Value.GetProperty("x-anna-role").GetString())))
            .ToDictionary(o => o.Key, o => o.Role);
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(p => p.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.True(mapped.Count > 20, $"only {mapped.Count} routes found");
        foreach (var route in mapped)
            Assert.True(described.Keys.Any(k => k.TrimEnd('/').EndsWith(" " + route, StringComparison.Ordinal)), $"{route} is not in the document");

        // The roles, as the doors enforce them (see EndpointAuthorizationTests).
        Assert.Equal(
            ["DELETE /api/v1/auth/sessions/{id}", "DELETE /api/v1/tokens/{id}", "GET /api/v1/audit", "GET /api/v1/auth/sessions",
             "GET /api/v1/tokens", "GET /api/v1/webhooks/deliveries", "POST /api/v1/schedule/learned/apply", "POST /api/v1/tokens", "POST /api/v1/webhooks/deliveries/{id}/retry",
             "PUT /api/v1/policy"],
            described.Where(d => d.Value == AnnaPolicies.Admin).Select(d => d.Key.TrimEnd('/')).Order(StringComparer.Ordinal));
        Assert.Equal("socket", described["POST /api/v1/auth/login-link"]);
        Assert.Equal("operator", described["POST /api/v1/history/{id}/undo"]);
        Assert.Equal("viewer", described["GET /api/v1/health"]);
        Assert.Equal("viewer", described["GET /api/v1/insights"]);
    }

    [Theory]
    [InlineData("/api/v1/health")]
    [InlineData("/api/v1/stats")]
    [InlineData("/api/v1/insights")]
    [InlineData("/api/v1/history")]
    [InlineData("/api/v1/config")]
    [InlineData("/api/v1/events")]
    [InlineData("/api/v1/notices")]
    [InlineData("/api/v1/probes")]
    [InlineData("/api/v1/approvals")]
    [InlineData("/api/v1/breaker")]
    [InlineData("/api/v1/policy")]
    [InlineData("/api/v1/forecast/self-check")]
    public async Task What_an_endpoint_returns_has_exactly_the_fields_its_schema_describes(string route)
    {
        var client = factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync(Document));
        var response = await client.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var actual = await response.Content.ReadFromJsonAsync<JsonElement>();
        var schema = document.RootElement.GetProperty("paths").GetProperty(route).GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");

        AssertShape(document.RootElement, schema, actual, route);
    }

    /// <summary>Objects: the same field names (System.Text.Json writes every one, nulls too); arrays: each item; down the tree.</summary>
    private static void AssertShape(JsonElement root, JsonElement schema, JsonElement value, string at)
    {
        schema = Resolve(root, schema, value);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when schema.TryGetProperty("properties", out var properties):
                Assert.Equal(properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
                    value.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
                foreach (var field in value.EnumerateObject())
                    AssertShape(root, properties.GetProperty(field.Name), field.Value, $"{at}.{field.Name}");
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                foreach (var item in value.EnumerateArray())
                    AssertShape(root, items, item, $"{at}[]");
                break;
            case JsonValueKind.Object or JsonValueKind.Array:
                // A dictionary (additionalProperties) or a free-form value: its keys are data, not fields.
                Assert.True(schema.TryGetProperty("additionalProperties", out _) || !schema.TryGetProperty("type", out _)
                    || schema.GetProperty("type").ToString().Contains(value.ValueKind == JsonValueKind.Array ? "array" : "object", StringComparison.Ordinal),
                    $"{at}: {value.ValueKind} against {schema}");
                break;
        }
    }

    /// <summary>Follows $ref, and for a nullable or union schema the branch that describes <paramref name="value"/>.</summary>
    private static JsonElement Resolve(JsonElement root, JsonElement schema, JsonElement value)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return Resolve(root, Pointer(root, reference.GetString()!), value);
        foreach (var union in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(union, out var branches))
            {
                var wanted = value.ValueKind == JsonValueKind.Null ? "null" : value.ValueKind == JsonValueKind.Array ? "array" : "object";
                var branch = branches.EnumerateArray().Select(b => Resolve(root, b, value))
                    .FirstOrDefault(b => b.TryGetProperty("properties", out _) || (b.TryGetProperty("type", out var t) && t.ToString().Contains(wanted, StringComparison.Ordinal)));
                return branch.ValueKind == JsonValueKind.Undefined ? schema : branch;
            }
        }
        return schema;
    }

    private static JsonElement Pointer(JsonElement root, string pointer)
    {
        var at = root;
        foreach (var part in pointer.TrimStart('#', '/').Split('/'))
            at = at.GetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return at;
    }
}
