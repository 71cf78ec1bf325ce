using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anna.Core.Policy;
using Anna.Server.Api;
using Anna.Server.Configuration;
using CsCheck;

namespace Anna.Server.Tests.Fuzz;

/// <summary>
/// Generated policy files and PUT bodies, 10,000 of each: the parser and the editor never throw, a file
/// Anna writes always reads back as the policy it was written for, and every refusal names a field.
/// The generators lean on the setting table, so most cases are near-valid and reach the deep checks.
/// A failure prints the seed; keep it as a regression case.
/// </summary>
public sealed class PolicyFuzzTests
{
    private const int Cases = 10_000;

    private static readonly Gen<string> Word = Gen.String[Gen.Char.AlphaNumeric, 1, 12];

    // A value for a setting: often in range, sometimes just outside, sometimes of the wrong kind.
    private static Gen<string> ValueFor(PolicySetting s) => Gen.Frequency(
        (6, s.Kind switch
        {
            SettingKind.Whole => Gen.Long[(long)s.Min - 2, (long)s.Max + 2].Select(n => n.ToString(CultureInfo.InvariantCulture)),
            SettingKind.Number => Gen.Double[s.Min - 2, s.Max + 2].Select(d => d.ToString("0.###", CultureInfo.InvariantCulture)),
            SettingKind.Flag => Gen.Bool.Select(b => b ? "true" : "false"),
            SettingKind.Choice => Gen.OneOf<string>([.. s.Choices, "nope"]).Select(Quote),
            SettingKind.ChoiceSet => Gen.OneOf<string>([.. s.Choices, "nope"]).Array[0, 4].Select(a => $"[{string.Join(", ", a.Select(Quote))}]"),
            SettingKind.WholeList => Gen.Long[(long)s.Min - 1, (long)s.Max + 1].Array[0, 6].Select(a => $"[{string.Join(", ", a)}]"),
            _ => Gen.OneOf<string>("/var/log", "/tmp", "relative", "/").Array[0, 3].Select(a => $"[{string.Join(", ", a.Select(Quote))}]"),
        }),
        (1, Gen.OneOf(Word.Select(Quote), Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)), Gen.OneOf<string>("[1, \"a\"]", "{ x = 1 }"))));

    private static readonly Gen<string> Line = Gen.Frequency(
        (8, Gen.OneOf<PolicySetting>([.. PolicySettings.All]).SelectMany(s => ValueFor(s).Select(v => $"{s.Name} = {v}"))),
        (2, Gen.OneOf<string>([.. PolicySettings.All.Select(s => s.Table).Distinct(), "probes", "healing.nope"]).Select(t => $"[{t}]")),
        (1, Word.Select(w => $"# {w}")),
        (1, Gen.Select(Word, Word, (k, v) => $"{k} = {Quote(v)}")),
        (1, Gen.String.Select(s => s.Replace("\r", "", StringComparison.Ordinal))));

    private static readonly Gen<string> Document = Line.Array[0, 14].Select(lines => string.Join('\n', lines) + "\n");

    [Fact]
    public void The_parser_never_throws_and_what_it_accepts_is_written_back_exactly()
    {
        Gen.Select(Document, Document).Sample((current, wanted) =>
        {
            var read = HealingConfigParser.Parse(current, "healing.toml");
            Assert.True(read.Succeeded || read.Errors.Count > 0);
            Assert.All(read.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString()));
            if (HealingConfigParser.Parse(wanted, "healing.toml").Options is not { } options)
                return;
            // Whatever the file holds now, the edit reads back as the policy asked for.
            var edit = HealingConfigWriter.Update(current, options, "healing.toml");
            var back = HealingConfigParser.Parse(edit.Text, "healing.toml");
            Assert.True(back.Succeeded, string.Join("; ", back.Errors));
            Assert.Equal(Settings(options), Settings(back.Options!));
        }, iter: Cases);
    }

    [Theory]
    [InlineData(null)]
    // Found: a quoted key with a backslash before a lone surrogate made Tomlyn's lexer throw.
    [InlineData("bXU13gUHH791")]
    public void Arbitrary_text_is_refused_with_a_position_never_an_exception(string? seed)
    {
        Gen.String.Sample(text =>
        {
            var read = HealingConfigParser.Parse(text, "healing.toml");
            Assert.True(read.Succeeded || read.Errors.All(e => e.Line >= 1 && e.Column >= 1));
        }, seed: seed, iter: seed is null ? Cases : 1);
    }

    // PUT bodies: the real fields with values of every JSON kind, and names that are no field.
    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Long[-5, 100_000].Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)JsonValue.Create(d) : null),
        Gen.OneOf<string>("manual", "supervised", "service_restart", "high", "yolo", "").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Const(() => (JsonNode?)null));

    private static readonly Gen<JsonNode?> Value = Gen.Frequency(
        (4, Scalar),
        (2, Scalar.Array[0, 5].Select(a => (JsonNode?)new JsonArray([.. a]))));

    private static readonly Gen<string> FieldName = Gen.Frequency(
        (6, Gen.OneOf<string>([.. PolicySettings.Editable.Select(s => s.Field.Split('.')[^1]), "policy", "path", "valid", "errors"])),
        (1, Word));

    private static readonly Gen<JsonObject> Body = Gen.Recursive<JsonObject>((depth, body) =>
    {
        var member = depth >= 2
            ? Value
            : Gen.Frequency((5, Value), (1, body.Select(o => (JsonNode?)o)));
        var groups = Gen.OneOf<string>("schedule", "rollback", "circuitBreaker");
        var pairs = Gen.Select(Gen.Frequency((4, FieldName), (1, groups)), member).Array[0, 6];
        return pairs.Select(ps =>
        {
            var o = new JsonObject();
            foreach (var (name, node) in ps)
                o[name] = node;
            return o;
        });
    });

    [Fact]
    public void A_put_body_is_read_or_refused_by_field_and_the_editor_s_check_never_throws()
    {
        var fields = PolicySettings.Editable.Select(s => s.Field).ToHashSet(StringComparer.Ordinal);
        Body.Sample(body =>
        {
            using var json = JsonDocument.Parse(body.ToJsonString());
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var update = PolicyJson.Read(json.RootElement, errors);
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Key)));
            Assert.All(errors.Values, m => Assert.NotEmpty(m));
            if (errors.Count > 0)
                return;
            Assert.All(update.Values.Keys, s => Assert.Contains(s.Field, fields));
            var check = PolicyValidator.Check(PolicyUpdateSettings.Merge(new HealingOptions(), update));
            Assert.True(check.Options is not null || check.Errors.Count > 0);
            Assert.All(check.Errors, e => Assert.Contains(PolicyJson.FieldOf(e).Split('[')[0], fields));
        }, iter: Cases);
    }

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    private static IReadOnlyList<string> Settings(HealingOptions options) =>
        [.. TomlSetting.FromOptions(options).Select(s => $"{s.Key}={TomlLiteral.Render(s.Value)}")];
}
