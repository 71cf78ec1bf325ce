using Anna.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Anna.Server.Tests.Api;

/// <summary>PUT /api/v1/policy changing the file; each test starts Anna on its own copy of the policy.</summary>
public sealed class PolicyPutTests : IAsyncLifetime
{
    private readonly CommentedPolicyAppFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Put_writes_the_file_in_place_and_the_change_is_in_force_at_once()
    {
        var response = await _client.PutAsJsonAsync("/api/v1/policy", new { policy = "autonomous", rollback = new { historySize = 20 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("autonomous", answer.GetProperty("policy").GetString());
        Assert.Equal(4, answer.GetProperty("maxActionsPerSession").GetInt32());

        var config = await _client.GetFromJsonAsync<JsonElement>("/api/v1/config");
        Assert.Equal("autonomous", config.GetProperty("healing").GetProperty("policy").GetString());
        Assert.Equal(20, config.GetProperty("healing").GetProperty("rollback").GetProperty("historySize").GetInt32());
        Assert.True(config.GetProperty("valid").GetBoolean());

        var expected = CommentedPolicyAppFactory.Policy
            .Replace("policy = \"supervised\"", "policy = \"autonomous\"", StringComparison.Ordinal)
            + "\n[healing.rollback]\nhistory_size = 20\n";
        Assert.Equal(expected, await File.ReadAllTextAsync(_factory.PolicyPath));
        Assert.Equal([_factory.PolicyPath], Directory.GetFiles(Path.GetDirectoryName(_factory.PolicyPath)!));

        // Back to the start: a key once added stays, with its new value.
        await PutOk(new { policy = "supervised", rollback = new { historySize = 10 } });
        Assert.Equal(
            CommentedPolicyAppFactory.Policy + "\n[healing.rollback]\nhistory_size = 10\n",
            await File.ReadAllTextAsync(_factory.PolicyPath));
    }

    [Fact]
    public async Task Concurrent_puts_are_written_one_after_the_other()
    {
        var puts = Enumerable.Range(1, 8).Select(i => _client.PutAsJsonAsync("/api/v1/policy", new { scanInterval = 300 + i }));

        var responses = await Task.WhenAll(puts);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var text = await File.ReadAllTextAsync(_factory.PolicyPath);
        var line = Assert.Single(text.Split('\n'), l => l.StartsWith("scan_interval = ", StringComparison.Ordinal));
        Assert.Equal(CommentedPolicyAppFactory.Policy, text.Replace(line + "\n", "", StringComparison.Ordinal));
        var config = await _client.GetFromJsonAsync<JsonElement>("/api/v1/config");
        Assert.Equal(line, $"scan_interval = {config.GetProperty("healing").GetProperty("scanInterval").GetInt32()}");
        Assert.Equal([_factory.PolicyPath], Directory.GetFiles(Path.GetDirectoryName(_factory.PolicyPath)!));
    }

    [Fact]
    public async Task A_put_replaces_a_rejected_file_starting_from_the_last_good_policy()
    {
        await File.WriteAllTextAsync(_factory.PolicyPath, "# half-finished edit\n[healing]\npolicy = \"yolo\"\nmax_actions_per_session = 4\n");
        await ConfigWhenAsync(c => !c.GetProperty("valid").GetBoolean());

        await PutOk(new { maxActionsPerSession = 7 });

        var config = await _client.GetFromJsonAsync<JsonElement>("/api/v1/config");
        Assert.True(config.GetProperty("valid").GetBoolean());
        Assert.Equal("supervised", config.GetProperty("healing").GetProperty("policy").GetString());
        Assert.Equal(7, config.GetProperty("healing").GetProperty("maxActionsPerSession").GetInt32());
        var text = await File.ReadAllTextAsync(_factory.PolicyPath);
        Assert.StartsWith("# half-finished edit\n[healing]\npolicy = \"supervised\"\nmax_actions_per_session = 7\n", text, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task A_file_others_could_write_is_not_written_to()
    {
        File.SetUnixFileMode(_factory.PolicyPath, File.GetUnixFileMode(_factory.PolicyPath) | UnixFileMode.OtherWrite);
        var before = await File.ReadAllBytesAsync(_factory.PolicyPath);

        var response = await _client.PutAsJsonAsync("/api/v1/policy", new { policy = "manual" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("chmod go-w", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_factory.PolicyPath));
    }

    [Fact]
    public async Task A_put_keeps_the_probe_thresholds_it_has_no_field_for()
    {
        var withProbes = CommentedPolicyAppFactory.Policy.Replace("policy = \"supervised\"", "policy = \"manual\"", StringComparison.Ordinal)
            + "\n[probes.disk]\nwarning_percent = 70\n";
        await File.WriteAllTextAsync(_factory.PolicyPath, withProbes);
        await ConfigWhenAsync(c => c.GetProperty("healing").GetProperty("policy").GetString() == "manual");

        await PutOk(new { policy = "guided" });

        var text = await File.ReadAllTextAsync(_factory.PolicyPath);
        Assert.Equal(withProbes.Replace("policy = \"manual\"", "policy = \"guided\"", StringComparison.Ordinal), text);
    }

    private async Task PutOk(object body)
    {
        var response = await _client.PutAsJsonAsync("/api/v1/policy", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task ConfigWhenAsync(Func<JsonElement, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var config = await _client.GetFromJsonAsync<JsonElement>("/api/v1/config");
            if (holds(config))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"config never reached the expected state; last: {config}");
            await Task.Delay(50);
        }
    }
}
