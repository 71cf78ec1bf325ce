using Anna.Core.Policy;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>
/// Checks values that did not come from the file (an API request) with the file's own rules: they
/// are written into a candidate healing.toml and read by <see cref="HealingConfigParser"/>, so a
/// value is accepted through the API exactly when it would be accepted in the file.
/// </summary>
public static class PolicyValidator
{
    public static PolicyCheck Check(IReadOnlyList<TomlSetting> settings)
    {
        var text = HealingConfigWriter.Apply("", settings)
            ?? throw new InvalidOperationException("an empty document always takes every setting");
        var result = HealingConfigParser.Parse(text, "request");
        if (result.Options is { } options)
            return new PolicyCheck(options, []);

        // The parser points at the array item it rejected; turn that position back into its index.
        var index = TomlDocumentIndex.Build(SyntaxParser.Parse(text, "request", false), new ConfigErrorCollector("request"));
        var errors = result.Errors
            .Select(e => new PolicyEditError(e.Key, ItemIndex(index, e), e.Message))
            .ToList();
        return new PolicyCheck(null, errors);
    }

    private static int? ItemIndex(TomlDocumentIndex index, ConfigError error)
    {
        if (index.Find(error.Key) is not ArraySyntax array)
            return null;
        for (var i = 0; i < array.Items.ChildrenCount; i++)
        {
            var start = array.Items.GetChild(i)?.Value?.Span.Start;
            if (start is { } s && s.Line + 1 == error.Line && s.Column + 1 == error.Column)
                return i;
        }
        return null;
    }
}
