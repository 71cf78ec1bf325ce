using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Anna.Server.Tests.Api;

/// <summary>GET /api/v1/policy, and PUTs that must leave the file as it is.</summary>
public sealed class PolicyApiTests(CommentedPolicyAppFactory factory) : IClassFixture<CommentedPolicyAppFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Get_shows_the_policy_in_force_with_the_file_state()
    {
        var policy = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy");

        Assert.Equal(factory.PolicyPath, policy.GetProperty("path").GetString());
        Assert.True(policy.GetProperty("valid").GetBoolean());
        Assert.Empty(policy.GetProperty("errors").EnumerateArray());
        Assert.Equal(["service_restart"], policy.GetProperty("autoHeal").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([1, 2], policy.GetProperty("schedule").GetProperty("preferredHours").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(10, policy.GetProperty("rollback").GetProperty("historySize").GetInt32());
    }

    [Fact]
    public async Task What_a_get_returns_can_be_put_back_unchanged()
    {
        var before = await File.ReadAllBytesAsync(factory.PolicyPath);
        var policy = await _client.GetStringAsync("/api/v1/policy");

        var response = await _client.PutAsync("/api/v1/policy", new StringContent(policy, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await File.ReadAllBytesAsync(factory.PolicyPath));
    }

    [Theory]
    [InlineData("""{"policy": "yolo"}""", "policy")]
    [InlineData("""{"maxActionsPerSession": -1}""", "maxActionsPerSession")]
    [InlineData("""{"autoHeal": ["service_restart", "teleport"]}""", "autoHeal[1]")]
    [InlineData("""{"requireApproval": ["scary"]}""", "requireApproval[0]")]
    [InlineData("""{"schedule": {"preferredHours": [24]}}""", "schedule.preferredHours[0]")]
    [InlineData("""{"schedule": {"avoidHours": [-1]}}""", "schedule.avoidHours[0]")]
    [InlineData("""{"schedule": {"avoidDays": [7]}}""", "schedule.avoidDays[0]")]
    [InlineData("""{"schedule": {"preferredHours": [3], "avoidHours": [3]}}""", "schedule.avoidHours[0]")]
    [InlineData("""{"neverAutoHeal": ["service_restart"]}""", "neverAutoHeal[0]")]
    [InlineData("""{"settleSeconds": 301}""", "settleSeconds")]
    [InlineData("""{"rollback": {"rollbackTimeoutMinutes": 0}}""", "rollback.rollbackTimeoutMinutes")]
    [InlineData("""{"circuitBreaker": {"maxFailures": 1000}}""", "circuitBreaker.maxFailures")]
    [InlineData("""{"autoHeal": [null]}""", "autoHeal")]
    [InlineData("""{"maxActionsPerSession": "five"}""", "maxActionsPerSession")]
    [InlineData("""{"schedule": {"preferredHours": [1.5]}}""", "schedule.preferredHours[0]")]
    [InlineData("""{"polcy": "manual"}""", "polcy")]
    public async Task A_bad_field_is_a_400_naming_it_and_the_file_is_untouched(string body, string field)
    {
        var problem = await PutBad(body);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors should name {field}: {errors}");
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var problem = await PutBad("""{"policy": "yolo", "maxActionsPerSession": -1, "schedule": {"preferredHours": [1, 24]}}""");

        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["maxActionsPerSession", "policy", "schedule.preferredHours[1]"], fields);
    }

    [Theory]
    [InlineData("policy = \"manual\"")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    public async Task A_body_that_is_not_a_json_object_is_a_400(string body)
    {
        var problem = await PutBad(body);

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    private async Task<JsonElement> PutBad(string body)
    {
        var before = await File.ReadAllBytesAsync(factory.PolicyPath);

        var response = await _client.PutAsync("/api/v1/policy", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await File.ReadAllBytesAsync(factory.PolicyPath));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
