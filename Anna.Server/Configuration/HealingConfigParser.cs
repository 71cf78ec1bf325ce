using Anna.Core.Policy;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>
/// Turns the text of healing.toml into <see cref="HealingOptions"/> or the full list of what is
/// wrong with it. Works on Tomlyn's syntax tree rather than a deserializer so every error can
/// point at the exact value that caused it.
/// </summary>
public static partial class HealingConfigParser
{
    public static LoadResult Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);

        // Syntax first: on a broken document the parser's error recovery invents keys and values,
        // and checking those would bury the real mistake under made-up ones.
        DocumentSyntax syntax;
        try
        {
            syntax = SyntaxParser.Parse(text, fileName, false);
        }
        catch (ArgumentException)
        {
            // Tomlyn throws (instead of reporting) on a quoted key whose escape is no character.
            return LoadResult.Failure([SurrogateEscape(text, fileName)]);
        }
        if (syntax.HasErrors)
            return LoadResult.Failure(SyntaxErrors(syntax, fileName));

        // validate: true adds what is well-formed but still invalid TOML: duplicate keys, redefined tables.
        var document = SyntaxParser.Parse(text, fileName, true);
        var errors = new ConfigErrorCollector(fileName);
        var index = TomlDocumentIndex.Build(document, errors);
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error)
                errors.Add(diagnostic.Span, index.KeyOnLine(diagnostic.Span.Start.Line), diagnostic.Message);
        }

        var options = Read(new TomlOptionReader(index, errors));
        return errors.Count == 0 ? LoadResult.Success(options) : LoadResult.Failure(errors.ToSortedList());
    }

    /// <summary>
    /// A <c>\uD800</c>-style escape names a UTF-16 surrogate, which is no character: TOML refuses it, and
    /// in a quoted key Tomlyn's lexer throws instead of reporting it (found by the fuzz tests, seed
    /// bXU13gUHH791). The file is refused like any other mistake, at the escape when it can be found,
    /// else at its start.
    /// </summary>
    private static ConfigError SurrogateEscape(string text, string fileName)
    {
        var match = SurrogateEscapePattern().Match(text);
        if (!match.Success)
            return new ConfigError(fileName, 1, 1, "(file)", "an escape names a surrogate code point (D800–DFFF), not a character; TOML does not allow it");
        var line = 1 + text.AsSpan(0, match.Index).Count('\n');
        var column = match.Index - (text.LastIndexOf('\n', Math.Max(0, match.Index - 1)) + 1) + 1;
        return new ConfigError(fileName, line, column, "(file)",
            $"{match.Value} is a surrogate code point (D800–DFFF), not a character; TOML does not allow it in an escape");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\(u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")]
    private static partial System.Text.RegularExpressions.Regex SurrogateEscapePattern();

    /// <summary>
    /// The first syntax error of each line: the ones after it on the same line are usually the
    /// parser recovering from the first, not separate mistakes.
    /// </summary>
    private static IReadOnlyList<ConfigError> SyntaxErrors(DocumentSyntax document, string fileName)
    {
        var errors = new ConfigErrorCollector(fileName);
        var index = TomlDocumentIndex.Build(document, new ConfigErrorCollector(fileName));
        var lines = new HashSet<int>();
        foreach (var diagnostic in document.Diagnostics)
        {
            if (diagnostic.Kind == DiagnosticMessageKind.Error && lines.Add(diagnostic.Span.Start.Line))
                errors.Add(diagnostic.Span, index.KeyOnLine(diagnostic.Span.Start.Line), diagnostic.Message);
        }
        return errors.ToSortedList();
    }

    private static HealingOptions Read(TomlOptionReader toml)
    {
        var defaults = new HealingOptions();
        var options = defaults;
        foreach (var setting in PolicySettings.All)
            options = setting.Set(options, toml.Read(setting, setting.Get(defaults)));

        // What no one setting can say on its own: two that contradict each other.
        CheckDisjoint(toml, PolicySettings.AutoHeal, PolicySettings.NeverAutoHeal, options);
        CheckDisjoint(toml, PolicySettings.PreferredHours, PolicySettings.AvoidHours, options);
        CheckDisjoint(toml, PolicySettings.PreferredDays, PolicySettings.AvoidDays, options);
        CheckBelow(toml, PolicySettings.DiskWarning, PolicySettings.DiskCritical, options);
        CheckBelow(toml, PolicySettings.InodeWarning, PolicySettings.InodeCritical, options);
        // Less memory available is worse, so the critical level sits below the warning level.
        CheckBelow(toml, PolicySettings.MemoryCritical, PolicySettings.MemoryWarning, options);
        return options;
    }

    /// <summary>
    /// <paramref name="lowKey"/> must be strictly below <paramref name="highKey"/>, or one of the two
    /// levels could never be reached. The error points at a key written in the file, preferring the
    /// one written later, since that is usually the one just edited.
    /// </summary>
    private static void CheckBelow(TomlOptionReader toml, PolicySetting lowSetting, PolicySetting highSetting, HealingOptions options)
    {
        var (lowKey, low, highKey, high) = (lowSetting.Key, (long)lowSetting.Get(options), highSetting.Key, (long)highSetting.Get(options));
        if (low < high || toml.IsInvalid(lowKey) || toml.IsInvalid(highKey))
            return;
        var candidates = new[] { lowKey, highKey }.Where(toml.IsSet)
            .Select(k => (Key: k, Node: toml.Find(k)!))
            .OrderBy(c => c.Node.Span.Start.Offset).ToList();
        if (candidates.Count == 0)
            return; // the defaults are ordered
        var (key, node) = candidates[^1];
        var other = key == lowKey ? highKey : lowKey;
        var otherIsDefault = toml.IsSet(other) ? "" : " (by default)";
        toml.Error(node, key, $"{lowKey} ({low}) must be below {highKey} ({high}){otherIsDefault}");
    }

    /// <summary>
    /// A value in both lists is a contradiction (never_auto_heal would silently win), so it is an
    /// error even when one of the lists is a default: the person should see the conflict.
    /// The error points at the item written in the file, preferring the second list.
    /// </summary>
    private static void CheckDisjoint(TomlOptionReader toml, PolicySetting firstSetting, PolicySetting secondSetting, HealingOptions options)
    {
        var (firstKey, secondKey) = (firstSetting.Key, secondSetting.Key);
        // A list that failed to read was replaced by its default; comparing that would blame the
        // person for a conflict they did not write.
        if (toml.IsInvalid(firstKey) || toml.IsInvalid(secondKey))
            return;
        var overlap = Texts(firstSetting.Get(options)).Intersect(Texts(secondSetting.Get(options))).ToHashSet(StringComparer.Ordinal);
        if (overlap.Count == 0)
            return;
        foreach (var (key, otherKey) in new[] { (secondKey, firstKey), (firstKey, secondKey) })
        {
            if (!toml.IsSet(key))
                continue;
            var otherIsDefault = toml.IsSet(otherKey) ? "" : " (by default)";
            foreach (var item in toml.ItemsOf(key))
            {
                var text = item switch
                {
                    StringValueSyntax s => s.Value,
                    IntegerValueSyntax i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (text is not null && overlap.Remove(text))
                    toml.Error(item, key, $"{text} is also in {otherKey}{otherIsDefault}; a value may be in only one of the two");
            }
        }
    }

    /// <summary>The items of a list setting's value as the file writes them.</summary>
    private static IEnumerable<string> Texts(object value) => value switch
    {
        IReadOnlyList<string> names => names,
        IReadOnlyList<long> numbers => numbers.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => [],
    };
}
