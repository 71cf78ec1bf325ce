using Anna.Testing;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Anna.Core.Policy;
using Anna.Server.Api;
using Anna.Server.Configuration;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>
/// The dashboard edits the policy through <see cref="IPolicyEditor"/>, resolved from the host; these
/// tests hold that this is the very editor PUT /api/v1/policy uses, with the same rules and the same
/// way of writing the file.
/// </summary>
public sealed class PolicyEditorContractTests : IAsyncLifetime
{
    private readonly CommentedPolicyAppFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IPolicyEditor Editor => _factory.Services.GetRequiredService<IPolicyEditor>();

    [Fact]
    public async Task The_api_puts_through_the_editor_the_host_hands_to_the_dashboard()
    {
        var recorded = new ConcurrentQueue<PolicyUpdate>();
        await using var recording = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.AddSingleton<PolicyEditor>();
            services.AddSingleton<IPolicyEditor>(sp => new RecordingEditor(sp.GetRequiredService<PolicyEditor>(), recorded));
        }));
        using var client = recording.CreateClient();

        var response = await client.PutAsJsonAsync("/api/v1/policy", new { policy = "manual", circuitBreaker = new { maxFailures = 7 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var update = Assert.Single(recorded);
        Assert.Equal("manual", update.ValueOf(PolicySettings.Policy.Key));
        Assert.Equal(7L, update.ValueOf(PolicySettings.MaxFailures.Key));
        Assert.Null(update.ValueOf(PolicySettings.HistorySize.Key));
        Assert.IsType<RecordingEditor>(recording.Services.GetRequiredService<IPolicyEditor>());
        Assert.IsType<PolicyEditor>(Editor);
        Assert.Same(Editor, _factory.Services.GetRequiredService<IPolicyEditor>());
    }

    [Fact]
    public async Task An_edit_through_the_contract_is_written_in_place_and_in_force_at_once()
    {
        var result = await Editor.EditAsync(PolicyUpdate.None.With(PolicySettings.Policy, "autonomous").With(PolicySettings.HistorySize, 20L), "tester", CancellationToken.None);

        Assert.Equal(PolicyEditOutcome.Written, result.Outcome);
        Assert.Empty(result.Errors);
        // Byte for byte what the same change through PUT writes (PolicyPutTests).
        var expected = CommentedPolicyAppFactory.Policy
            .Replace("policy = \"supervised\"", "policy = \"autonomous\"", StringComparison.Ordinal)
            + "\n[healing.rollback]\nhistory_size = 20\n";
        Assert.Equal(expected, await File.ReadAllTextAsync(_factory.PolicyPath));
        var policy = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy");
        Assert.Equal("autonomous", policy.GetProperty("policy").GetString());
        Assert.Equal(20, policy.GetProperty("rollback").GetProperty("historySize").GetInt32());
    }

    [Theory]
    [InlineData("""{"circuitBreaker": {"maxFailures": 0}}""", "circuitBreaker.maxFailures")]
    [InlineData("""{"schedule": {"preferredHours": [1, 24]}}""", "schedule.preferredHours[1]")]
    [InlineData("""{"neverAutoHeal": ["service_restart"]}""", "neverAutoHeal[0]")]
    public async Task The_contract_refuses_what_the_api_refuses_with_the_same_message(string body, string field)
    {
        var before = await File.ReadAllBytesAsync(_factory.PolicyPath);
        var response = await _client.PutAsync("/api/v1/policy", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var apiMessage = Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString();

        var update = field switch
        {
            "circuitBreaker.maxFailures" => PolicyUpdate.None.With(PolicySettings.MaxFailures, 0L),
            "schedule.preferredHours[1]" => PolicyUpdate.None.With(PolicySettings.PreferredHours, (IReadOnlyList<long>)[1, 24]),
            _ => PolicyUpdate.None.With(PolicySettings.NeverAutoHeal, (IReadOnlyList<string>)["service_restart"]),
        };
        var result = await Editor.EditAsync(update, "tester", CancellationToken.None);

        Assert.Equal(PolicyEditOutcome.Invalid, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal(apiMessage, error.Message);
        Assert.Equal(field, PolicyJson.FieldOf(error));
        Assert.Null(error.Line);
        Assert.Equal(before, await File.ReadAllBytesAsync(_factory.PolicyPath));
    }

    [RootFact]
    public async Task A_file_others_could_write_is_refused_with_errors_pointing_at_the_file()
    {
        File.SetUnixFileMode(_factory.PolicyPath, File.GetUnixFileMode(_factory.PolicyPath) | UnixFileMode.OtherWrite);
        var before = await File.ReadAllBytesAsync(_factory.PolicyPath);

        var result = await Editor.EditAsync(PolicyUpdate.None.With(PolicySettings.Policy, "manual"), "tester", CancellationToken.None);

        Assert.Equal(PolicyEditOutcome.Refused, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal(PolicyEditError.FileKey, error.Key);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("chmod go-w", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_factory.PolicyPath));
    }

    [Fact]
    public void Every_setting_is_a_key_of_the_file_and_every_editable_one_has_its_own_api_field()
    {
        Assert.All(PolicySettings.All, s => Assert.True(HealingConfigSchema.IsKey(s.Key), $"{s.Key} is not a healing.toml key"));
        Assert.Equal(PolicySettings.All.Count, PolicySettings.All.Select(s => s.Key).Distinct().Count());
        Assert.Equal(PolicySettings.Editable.Count, PolicySettings.Editable.Select(s => s.Field).Distinct().Count());
        Assert.All(PolicySettings.Editable, s => Assert.Equal(s.Field, PolicyJson.FieldOf(new PolicyEditError(s.Key, null, ""))));
    }

    /// <summary>Passes every edit on to the real editor and remembers what was asked.</summary>
    private sealed class RecordingEditor(IPolicyEditor inner, ConcurrentQueue<PolicyUpdate> recorded) : IPolicyEditor
    {
        public Task<PolicyEditResult> EditAsync(PolicyUpdate update, string requestedBy, CancellationToken cancellationToken)
        {
            recorded.Enqueue(update);
            return inner.EditAsync(update, requestedBy, cancellationToken);
        }
    }
}
