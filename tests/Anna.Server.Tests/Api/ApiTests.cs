using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Anna.Server.Tests.Api;

public sealed class ApiTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Healthz_answers()
    {
        Assert.Equal("ok", await _client.GetStringAsync("/healthz"));
    }

    [Fact]
    public async Task Health_is_reported_with_what_cannot_be_watched()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/api/v1/health");

        Assert.Equal("HEALTHY", health.GetProperty("state").GetString());
        Assert.Empty(health.GetProperty("issues").EnumerateArray());
        var systemd = health.GetProperty("watching").GetProperty("systemd").GetString();
        Assert.StartsWith("cannot watch systemd", systemd);
        Assert.Empty(health.GetProperty("pendingPurge").EnumerateArray());
    }

    [Fact]
    public async Task Config_shows_the_policy_in_force()
    {
        var config = await _client.GetFromJsonAsync<JsonElement>("/api/v1/config");

        Assert.True(config.GetProperty("valid").GetBoolean());
        Assert.Equal(factory.PolicyPath, config.GetProperty("path").GetString());
        Assert.Equal("supervised", config.GetProperty("healing").GetProperty("policy").GetString());
        Assert.Equal(300, config.GetProperty("healing").GetProperty("scanInterval").GetInt32());
    }

    [Fact]
    public async Task History_starts_empty()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/v1/history");

        Assert.Equal(0, page.GetProperty("total").GetInt64());
        Assert.Equal(1, page.GetProperty("page").GetInt32());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task Bad_paging_is_a_problem_details_naming_the_field(string query, string field)
    {
        var response = await _client.GetAsync($"/api/v1/history?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}");
    }

    [Fact]
    public async Task Metrics_export_the_healing_counter_family()
    {
        var text = await _client.GetStringAsync("/metrics");

        Assert.Contains("# TYPE anna_healing_attempts_total counter", text);
        Assert.Contains("anna_system_state 0", text);
    }
}
