using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Anna.Server.Tests.Api;

/// <summary>The healing doors validate their input and answer with ProblemDetails naming the field.</summary>
public sealed class HealingApiTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("{}", "ids")]
    [InlineData("""{"ids":["6f1c0c52-8d36-4a57-9e0e-1b2f3c4d5e6f"],"decision":"maybe"}""", "decision")]
    [InlineData("""{"ids":["6f1c0c52-8d36-4a57-9e0e-1b2f3c4d5e6f"],"decision":"reject","perSession":true}""", "perSession")]
    public async Task Bad_approval_decisions_name_the_field(string body, string field)
    {
        var problem = await PostProblemAsync("/api/v1/approvals", body);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
    }

    [Fact]
    public async Task Approving_an_unknown_request_says_so_and_changes_nothing()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/approvals", new { ids = new[] { Guid.NewGuid() }, decision = "approve" });
        var outcome = (await response.Content.ReadFromJsonAsync<JsonElement>())[0];

        Assert.False(outcome.GetProperty("accepted").GetBoolean());
        Assert.Equal("no such approval request", outcome.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Healing_an_item_that_is_not_in_the_list_is_a_problem_naming_it()
    {
        var problem = await PostProblemAsync("/api/v1/auto-heal", """{"items":["7"],"dryRun":true}""");

        Assert.True(problem.GetProperty("errors").TryGetProperty("items[0]", out _), problem.ToString());
    }

    [Fact]
    public async Task Unknown_approval_status_filter_is_a_problem()
    {
        var response = await _client.GetAsync("/api/v1/approvals?status=sideways");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Resetting_a_breaker_that_does_not_exist_is_a_problem()
    {
        var problem = await PostProblemAsync("/api/v1/breaker/reset", """{"subject":"nope.service"}""");

        Assert.True(problem.GetProperty("errors").TryGetProperty("subject", out _));
    }

    [Fact]
    public async Task Disabling_healing_shows_in_health_and_survives_until_enabled()
    {
        _client.DefaultRequestHeaders.Remove("X-Anna-User");
        _client.DefaultRequestHeaders.Add("X-Anna-User", "bob");
        var off = await (await _client.PostAsync("/api/v1/healing/disable", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(off.GetProperty("enabled").GetBoolean());
        Assert.Equal("token:tests", off.GetProperty("changedBy").GetString()); // X-Anna-User names nobody: the token does
        var health = await _client.GetFromJsonAsync<JsonElement>("/api/v1/health");
        Assert.False(health.GetProperty("healing").GetProperty("enabled").GetBoolean());

        await _client.PostAsync("/api/v1/healing/enable", null);

        health = await _client.GetFromJsonAsync<JsonElement>("/api/v1/health");
        Assert.True(health.GetProperty("healing").GetProperty("enabled").GetBoolean());
        Assert.Contains("maintenance window", health.GetProperty("healing").GetProperty("window").GetString());
    }

    [Fact]
    public async Task Sessions_and_breakers_can_be_listed()
    {
        Assert.Equal(JsonValueKind.Array, (await _client.GetFromJsonAsync<JsonElement>("/api/v1/sessions")).ValueKind);
        var breakers = await _client.GetFromJsonAsync<JsonElement>("/api/v1/breaker");
        Assert.Equal("*", breakers[0].GetProperty("subject").GetString());
        Assert.Equal("closed", breakers[0].GetProperty("state").GetString());
    }

    private async Task<JsonElement> PostProblemAsync(string path, string json)
    {
        var response = await _client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_scan_on_demand_reports_every_probe_with_its_time_and_status()
    {
        var response = await _client.PostAsync("/api/v1/scan", null);
        var runs = await response.Content.ReadFromJsonAsync<JsonElement>();

        var failed = runs.EnumerateArray().Single(r => r.GetProperty("probe").GetString() == "failed_services");
        Assert.StartsWith("not scanned: systemd is not reachable", failed.GetProperty("status").GetString());
        Assert.True(failed.GetProperty("tookMs").GetDouble() >= 0);
        var last = await _client.GetFromJsonAsync<JsonElement>("/api/v1/probes");
        Assert.Contains(last.EnumerateArray(), r => r.GetProperty("probe").GetString() == "failed_services");
    }
}
