using System.Net.Http.Json;
using System.Text.Json;

namespace Anna.Server.Tests.Api;

/// <summary>A bad edit of the policy file while Anna runs keeps the last good policy and shows the error.</summary>
public sealed class ConfigReloadTests : IAsyncLifetime
{
    private readonly NoSystemdAppFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_bad_edit_keeps_the_last_good_policy_and_a_fix_clears_the_error()
    {
        await File.WriteAllTextAsync(_factory.PolicyPath, "[healing]\npolicy = \"yolo\"\n");

        var rejected = await ConfigWhenAsync(c => !c.GetProperty("valid").GetBoolean());
        Assert.Equal("supervised", rejected.GetProperty("healing").GetProperty("policy").GetString());
        var error = Assert.Single(rejected.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal(10, error.GetProperty("column").GetInt32());
        Assert.Equal("healing.policy", error.GetProperty("key").GetString());

        await File.WriteAllTextAsync(_factory.PolicyPath, "[healing]\npolicy = \"manual\"\n");

        var fixedConfig = await ConfigWhenAsync(c => c.GetProperty("valid").GetBoolean()
            && c.GetProperty("healing").GetProperty("policy").GetString() == "manual");
        Assert.Empty(fixedConfig.GetProperty("errors").EnumerateArray());
    }

    private async Task<JsonElement> ConfigWhenAsync(Func<JsonElement, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var config = await _client.GetFromJsonAsync<JsonElement>("/api/v1/config");
            if (holds(config))
                return config;
            Assert.True(DateTime.UtcNow < deadline, $"config never reached the expected state; last: {config}");
            await Task.Delay(50);
        }
    }
}
