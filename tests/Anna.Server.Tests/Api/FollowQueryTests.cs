using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Anna.Server.Tests.Api;

/// <summary>The followed logs (events, notices) read their query one way: a bad value is a 400 naming it.</summary>
public sealed class FollowQueryTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    [Theory]
    [InlineData("/api/v1/events?boot=yesterday", "boot")]
    [InlineData("/api/v1/notices?boot=yesterday", "boot")]
    [InlineData("/api/v1/events?wait=61", "wait")]
    [InlineData("/api/v1/notices?after=-1", "after")]
    public async Task A_bad_value_is_refused_by_name(string route, string field)
    {
        var response = await factory.CreateClient().GetAsync(route);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
