using Anna.Core.Vocabulary;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.History;
using Microsoft.Extensions.DependencyInjection;
using static Anna.Server.Tests.Persistence.HistoryEntries;

namespace Anna.Server.Tests.Api;

/// <summary>GET /api/v1/history narrowed by the same store filter the dashboard uses; bad values name their parameter.</summary>
public sealed class HistoryQueryApiTests(NoSystemdAppFactory factory) : IClassFixture<NoSystemdAppFactory>
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _client = factory.CreateClient();

    private async Task SeedAsync(string tag)
    {
        var store = factory.Services.GetRequiredService<IHistoryStore>();
        await store.AppendAsync(Restart(Day.AddHours(1), ActionOutcome.Success, subject: $"{tag}-a.service"), CancellationToken.None);
        await store.AppendAsync(Restart(Day.AddHours(2), ActionOutcome.Failed, subject: $"{tag}-b.service"), CancellationToken.None);
        await store.AppendAsync(Restart(Day.AddDays(1).AddHours(1), ActionOutcome.Success, subject: $"{tag}-c.service"), CancellationToken.None);
    }

    private async Task<List<string>> SubjectsAsync(string query) =>
        (await _client.GetFromJsonAsync<JsonElement>($"/api/v1/history?pageSize=500&{query}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("subject").GetString()!).ToList();

    [Theory]
    [InlineData("/api/v1/history?page=two", "page")]
    [InlineData("/api/v1/history?pageSize=lots", "pageSize")]
    [InlineData("/api/v1/sessions?page=success", "page")]
    public async Task A_page_that_is_not_a_number_is_refused_naming_it(string url, string field)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("/api/v1/history?page=2147483647&pageSize=500")]
    [InlineData("/api/v1/audit?page=1000000&pageSize=500")]
    public async Task A_page_far_past_the_end_is_empty_not_an_overflow(string url)
    {
        await SeedAsync("hq-far");

        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Filters_narrow_the_list_in_the_store()
    {
        await SeedAsync("hq1");

        Assert.Equal(["hq1-c.service", "hq1-a.service"], await SubjectsAsync("subject=HQ1-&outcome=success"));
        Assert.Equal(["hq1-b.service"], await SubjectsAsync("subject=hq1-&outcome=failed&action=restart_service"));
        Assert.Equal(["hq1-b.service", "hq1-a.service"],
            await SubjectsAsync($"subject=hq1-&from={Uri.EscapeDataString("2026-11-20T00:00:00Z")}&until={Uri.EscapeDataString("2026-11-21T00:00:00+00:00")}"));
        Assert.Empty(await SubjectsAsync("subject=hq1-&issueType=low_disk"));
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/v1/history?subject=hq1-&pageSize=1");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("outcome=won", "outcome")]
    [InlineData("issueType=Failed%20Service", "issueType")]
    [InlineData("action=rm%20-rf", "action")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-20T00:00:00", "from")]
    [InlineData("from=2026-11-21T00:00:00Z&until=2026-11-20T00:00:00Z", "until")]
    [InlineData("subject=%01", "subject")]
    public async Task Bad_filters_are_a_problem_naming_the_parameter(string query, string field)
    {
        var response = await _client.GetAsync($"/api/v1/history?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }
}
