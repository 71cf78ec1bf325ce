using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Server.Security;

namespace Anna.Server.Tests.Security;

/// <summary>
/// Rate limits per identity (429 with Retry-After, then recovery) and the audit trail: state
/// changes, sign-ins and refusals are each one row with who, role, door, what and the status.
/// </summary>
public sealed class RateLimitAndAuditTests(RateLimitedAppFactory factory) : IClassFixture<RateLimitedAppFactory>
{
    [Fact]
    public async Task State_changes_past_the_limit_get_429_with_Retry_After_and_the_limit_recovers()
    {
        using var @operator = Callers.WithRole(factory, AnnaRole.Operator);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await @operator.PostAsync("/api/v1/healing/enable", null)).StatusCode);
        var limited = await @operator.PostAsync("/api/v1/healing/enable", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After"))) >= 1);
        // Reads are not limited.
        Assert.Equal(HttpStatusCode.OK, (await @operator.GetAsync("/api/v1/health")).StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HttpStatusCode.OK, (await @operator.PostAsync("/api/v1/healing/enable", null)).StatusCode);
    }

    [Fact]
    public async Task Changes_sign_ins_and_refusals_are_audited_and_only_an_admin_reads_the_trail()
    {
        using var viewer = Callers.WithRole(factory, AnnaRole.Viewer);
        using var anonymous = Callers.Anonymous(factory);
        using var admin = Callers.WithRole(factory, AnnaRole.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/v1/scan", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/healing/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/healing/enable", null)).StatusCode);
        await Callers.SignedInBrowserAsync(factory, AnnaRole.Viewer);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/audit")).StatusCode);
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?pageSize=100");
        var rows = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("who").GetString() == "test-viewer" && r.GetProperty("door").GetString() == "token"
            && r.GetProperty("action").GetString() == "POST /api/v1/scan" && r.GetProperty("status").GetInt32() == 403);
        Assert.Contains(rows, r => r.GetProperty("who").GetString() == "anonymous"
            && r.GetProperty("action").GetString() == "POST /api/v1/healing/disable" && r.GetProperty("status").GetInt32() == 401);
        Assert.Contains(rows, r => r.GetProperty("who").GetString() == "test-admin" && r.GetProperty("role").GetString() == "admin"
            && r.GetProperty("action").GetString() == "POST /api/v1/healing/enable" && r.GetProperty("status").GetInt32() == 200);
        Assert.Contains(rows, r => r.GetProperty("who").GetString() == "carol" && r.GetProperty("door").GetString() == "cookie"
            && r.GetProperty("action").GetString() == "GET /auth/login" && r.GetProperty("status").GetInt32() == 302);

        var filtered = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?status=401");
        Assert.All(filtered.GetProperty("items").EnumerateArray(), r => Assert.Equal(401, r.GetProperty("status").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/audit?pageSize=0")).StatusCode);
    }
}
