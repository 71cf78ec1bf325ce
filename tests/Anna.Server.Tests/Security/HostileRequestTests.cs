using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Anna.Server.Tests.Api;

namespace Anna.Server.Tests.Security;

/// <summary>
/// Bodies that try to be read two ways, rebinding Host headers, and what every response carries:
/// each is refused with a problem that says why, and the policy file is not touched.
/// </summary>
public sealed class HostileRequestTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    [Theory]
    [InlineData("""{"policy":"supervised","policy":"autonomous"}""", "Duplicate")]
    [InlineData("""{"policy":"autonomous","polcy":"manual"}""", "polcy")]
    public async Task A_hostile_policy_body_is_a_400_naming_the_problem_and_changes_nothing(string json, string named)
    {
        using var admin = factory.CreateClient();
        var before = Hash();
        var response = await admin.PutAsync("/api/v1/policy", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public async Task A_duplicate_key_in_a_bound_body_is_refused_too()
    {
        using var admin = factory.CreateClient();
        var response = await admin.PostAsync("/api/v1/auto-heal",
            new StringContent("""{"dryRun":true,"dryRun":false}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Duplicate", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_foreign_Host_header_is_refused()
    {
        using var admin = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/health");
        request.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var anonymous = Callers.Anonymous(factory);
        var response = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("annactl dashboard", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_nesting_bomb_is_a_400_and_changes_nothing()
    {
        using var admin = factory.CreateClient();
        var before = Hash();
        var bomb = new string('[', 20_000) + new string(']', 20_000);
        var response = await admin.PutAsync("/api/v1/policy", new StringContent(bomb, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(before, Hash());
    }

    private string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(factory.PolicyPath)));
}
