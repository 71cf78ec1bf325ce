using System.Text.Json;
using System.Text.Json.Nodes;
using Anna.Core.Policy;
using Anna.Server.Configuration;

namespace Anna.Server.Api;

/// <summary>
/// The policy as JSON, made from <see cref="PolicySettings.Editable"/>: GET answers every editable
/// setting at its <see cref="PolicySetting.Field"/>, and a PUT body is read field by field into a
/// <see cref="PolicyUpdate"/>. A field that is no setting is refused (a misspelt field silently ignored
/// would look like an accepted change); a value of the wrong type is named at its field. Ranges and
/// choices are left to the editor, which names them in the file's own words.
/// </summary>
internal static class PolicyJson
{
    // Parts of a GET answer that describe the file, not the policy: a client may send them back; ignored.
    private static readonly HashSet<string> ReadOnly = new(StringComparer.Ordinal) { "path", "valid", "errors" };

    private static readonly Dictionary<string, PolicySetting> ByField =
        PolicySettings.Editable.ToDictionary(s => s.Field, StringComparer.Ordinal);

    // "schedule", "rollback", "circuitBreaker": the objects that hold fields.
    private static readonly HashSet<string> Groups =
        PolicySettings.Editable.Where(s => s.Field.Contains('.')).Select(s => s.Field[..s.Field.LastIndexOf('.')]).ToHashSet(StringComparer.Ordinal);

    /// <summary>GET /api/v1/policy: the file's state and the policy in force.</summary>
    public static JsonObject Policy(IHealingConfig config)
    {
        var json = State(config);
        var settings = Settings(config.Current);
        foreach (var name in settings.Select(p => p.Key).ToList())
        {
            var value = settings[name];
            settings.Remove(name); // a node has one parent
            json[name] = value;
        }
        return json;
    }

    /// <summary>GET /api/v1/config: the file's state and the policy in force under "healing".</summary>
    public static JsonObject Config(IHealingConfig config)
    {
        var json = State(config);
        json["healing"] = Settings(config.Current);
        return json;
    }

    /// <summary>The JSON field of an editor's error, with the array index when an item is at fault.</summary>
    public static string FieldOf(PolicyEditError error)
    {
        var field = PolicySettings.ByKey(error.Key)?.Field ?? error.Key;
        return error.Item is { } item ? $"{field}[{item}]" : field;
    }

    /// <summary>The change a PUT body asks for, or what is wrong with it, by field.</summary>
    public static PolicyUpdate Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        var update = PolicyUpdate.None;
        Read(body, "", errors, ref update);
        return update;
    }

    private static void Read(JsonElement json, string prefix, Dictionary<string, string[]> errors, ref PolicyUpdate update)
    {
        foreach (var property in json.EnumerateObject())
        {
            var field = prefix + property.Name;
            var value = property.Value;
            if (prefix.Length == 0 && ReadOnly.Contains(field))
                continue;
            if (ByField.TryGetValue(field, out var setting))
            {
                if (value.ValueKind == JsonValueKind.Null)
                    continue; // null means keep, like a missing field
                if (ValueOf(setting, value, out var problem) is { } read)
                    update = update.With(setting, read);
                else
                    errors[problem!.Value.Field ?? field] = [problem.Value.Message];
            }
            else if (!Groups.Contains(field))
                errors[field] = [Suggest(field)];
            else if (value.ValueKind == JsonValueKind.Object)
                Read(value, field + ".", errors, ref update);
            else if (value.ValueKind != JsonValueKind.Null)
                errors[field] = ["expected an object"];
        }
    }

    /// <summary>The TOML-shaped value of a JSON value, or null with the problem (and the item's field, when one item is at fault).</summary>
    private static object? ValueOf(PolicySetting setting, JsonElement value, out (string? Field, string Message)? problem)
    {
        problem = null;
        switch (setting.Kind)
        {
            case SettingKind.Choice or SettingKind.Text when value.ValueKind == JsonValueKind.String:
                return value.GetString()!;
            case SettingKind.Whole when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole):
                return whole;
            case SettingKind.Number when value.ValueKind == JsonValueKind.Number:
                return value.GetDouble();
            case SettingKind.Flag when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean();
            case SettingKind.ChoiceSet or SettingKind.TextList when value.ValueKind == JsonValueKind.Array:
                if (value.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
                {
                    problem = (null, "items must be strings, not null");
                    return null;
                }
                return (IReadOnlyList<string>)[.. value.EnumerateArray().Select(i => i.GetString()!)];
            case SettingKind.WholeList when value.ValueKind == JsonValueKind.Array:
                var items = new List<long>();
                foreach (var (item, index) in value.EnumerateArray().Select((item, index) => (item, index)))
                {
                    if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var n))
                    {
                        problem = ($"{setting.Field}[{index}]", $"expected a whole number {setting.Unit}".TrimEnd());
                        return null;
                    }
                    items.Add(n);
                }
                return (IReadOnlyList<long>)items;
            default:
                problem = (null, $"expected {Expected(setting.Kind)}, got {Describe(value.ValueKind)}");
                return null;
        }
    }

    private static string Expected(SettingKind kind) => kind switch
    {
        SettingKind.Choice or SettingKind.Text => "a string",
        SettingKind.Whole => "a whole number",
        SettingKind.Number => "a number",
        SettingKind.Flag => "true or false",
        SettingKind.WholeList => "an array of whole numbers",
        _ => "an array of strings",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number that is not whole",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => $"a{(kind is JsonValueKind.Array or JsonValueKind.Object ? "n" : "")} {kind.ToString().ToLowerInvariant()}",
    };

    private static string Suggest(string field) =>
        Spelling.Closest(field, ByField.Keys.Concat(Groups)) is { } near ? $"unknown field; did you mean {near}?" : "unknown field";

    private static JsonNode Node(object value) => value switch
    {
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        IReadOnlyList<string> names => new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]),
        IReadOnlyList<long> numbers => new JsonArray([.. numbers.Select(n => (JsonNode)JsonValue.Create(n))]),
        _ => throw new ArgumentException($"a setting never holds {value.GetType().Name}", nameof(value)),
    };

    private static JsonObject State(IHealingConfig config) => new()
    {
        ["path"] = config.Path,
        ["valid"] = config.Errors.Count == 0,
        ["errors"] = new JsonArray([.. config.Errors.Select(e => new JsonObject
        {
            ["file"] = e.File, ["line"] = e.Line, ["column"] = e.Column, ["key"] = e.Key, ["message"] = e.Message,
        })]),
    };

    private static JsonObject Settings(HealingOptions options)
    {
        var json = new JsonObject();
        foreach (var setting in PolicySettings.Editable)
        {
            var parts = setting.Field.Split('.');
            var target = json;
            foreach (var group in parts[..^1])
                target = (JsonObject)(target[group] ??= new JsonObject());
            target[parts[^1]] = Node(setting.Get(options));
        }
        return json;
    }
}
