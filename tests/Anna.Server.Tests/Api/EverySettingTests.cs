using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anna.Core.Policy;
using Anna.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Api;

/// <summary>
/// Every editable setting of the table goes through every door without code of its own: PUT at its
/// JSON field writes its TOML key, GET shows it, the reloaded policy holds it, and a value out of its
/// bounds is refused at its field, naming the bound, with the file untouched. A key added to
/// <see cref="PolicySettings"/> is in these rows by being added.
/// </summary>
public sealed class EverySettingTests : IAsyncLifetime
{
    private readonly CommentedPolicyAppFactory _factory = new();
    private HttpClient _client = null!;

    public static TheoryData<string> EditableKeys() => [.. PolicySettings.Editable.Select(s => s.Key)];

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [MemberData(nameof(EditableKeys))]
    public async Task A_setting_put_at_its_field_is_written_at_its_key_and_read_back(string key)
    {
        var setting = PolicySettings.ByKey(key)!;
        var config = _factory.Services.GetRequiredService<IHealingConfig>();
        var value = Changed(setting, setting.Get(config.Current));

        var response = await Put(setting, value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(setting.SameValue(value, setting.Get(config.Current)), $"{key} in force should be the value put");
        var text = await File.ReadAllTextAsync(_factory.PolicyPath);
        Assert.Contains($"{setting.Name} = {TomlLiteral.Render(value)}", text, StringComparison.Ordinal);
        var got = await _client.GetFromJsonAsync<JsonElement>("/api/v1/policy");
        var field = setting.Field.Split('.').Aggregate(got, (json, name) => json.GetProperty(name));
        Assert.Equal(JsonSerializer.Serialize(value), field.GetRawText());
    }

    [Theory]
    [MemberData(nameof(EditableKeys))]
    public async Task A_value_out_of_bounds_is_refused_at_its_field_and_changes_nothing(string key)
    {
        var setting = PolicySettings.ByKey(key)!;
        var before = await File.ReadAllBytesAsync(_factory.PolicyPath);
        var (value, field) = setting.Kind switch
        {
            SettingKind.Choice => ((object)"no-such-choice", setting.Field),
            SettingKind.Whole => (checked((long)setting.Max + 1), setting.Field),
            SettingKind.Number => (setting.Max + 1, setting.Field),
            SettingKind.Flag => ("yes", setting.Field),
            SettingKind.ChoiceSet => ((IReadOnlyList<string>)["no-such-choice"], $"{setting.Field}[0]"),
            SettingKind.WholeList => ((IReadOnlyList<long>)[checked((long)setting.Max + 1)], $"{setting.Field}[0]"),
            _ => throw new InvalidOperationException($"no bad value for {setting.Kind}"),
        };

        var response = await Put(setting, value);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors should name {field}: {errors}");
        var message = Assert.Single(messages.EnumerateArray()).GetString()!;
        if (setting.Kind is SettingKind.Whole or SettingKind.Number or SettingKind.WholeList)
            Assert.Contains($"{setting.Min} to {setting.Max}", message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_factory.PolicyPath));
    }

    /// <summary>A value of the setting that is allowed and differs from <paramref name="current"/>.</summary>
    private static object Changed(PolicySetting setting, object current) => setting.Kind switch
    {
        SettingKind.Choice => setting.Choices.First(c => c != (string)current),
        SettingKind.Whole => (long)current == (long)setting.Max ? (long)setting.Min : (long)setting.Max,
        SettingKind.Number => (double)current == setting.Max ? setting.Min : setting.Max,
        SettingKind.Flag => !(bool)current,
        // An empty list contradicts no other list; a middle hour or day (Wednesday) is in no default list.
        SettingKind.ChoiceSet => ((IReadOnlyList<string>)current).Count == 0 ? (IReadOnlyList<string>)[setting.Choices[0]] : (IReadOnlyList<string>)[],
        SettingKind.WholeList => ((IReadOnlyList<long>)current).Count == 0 ? (IReadOnlyList<long>)[(long)(setting.Min + setting.Max) / 2] : (IReadOnlyList<long>)[],
        _ => throw new InvalidOperationException($"no changed value for {setting.Kind}"),
    };

    private Task<HttpResponseMessage> Put(PolicySetting setting, object value)
    {
        // {"rollback": {"historySize": 20}} for "rollback.historySize".
        var parts = setting.Field.Split('.');
        JsonNode body = new JsonObject { [parts[^1]] = JsonSerializer.SerializeToNode(value) };
        foreach (var group in parts[..^1].Reverse())
            body = new JsonObject { [group] = body };
        return _client.PutAsync("/api/v1/policy", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
    }
}
