using Anna.Core.Policy;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>
/// Produces the new text of healing.toml for a set of values, changing only what differs: the
/// value of a changed key is replaced in place, a key that must be added goes at the end of its
/// table, and everything else (comments, order, blank lines, spelling) stays byte for byte.
/// </summary>
public static class HealingConfigWriter
{
    /// <summary>
    /// The text of a policy file that reads back as exactly <paramref name="options"/>, written over
    /// <paramref name="currentText"/>. Throws if it cannot produce one, so nothing wrong is ever written.
    /// </summary>
    public static HealingConfigEdit Update(string currentText, HealingOptions options, string fileName)
    {
        ArgumentNullException.ThrowIfNull(currentText);
        ArgumentNullException.ThrowIfNull(options);
        var settings = TomlSetting.FromOptions(options);

        // The user's layout is kept when the edit reads back right. When it cannot be (a file the
        // parser rejects, or a table written inline that a key cannot be added to), a fresh file
        // with every setting is the safe answer: the values are what matters.
        var edited = Apply(currentText, settings);
        if (edited is not null && ReadsBackAs(edited, options, fileName))
            return new HealingConfigEdit(edited, PreservedLayout: true);

        var fresh = Apply("", settings)!;
        if (!ReadsBackAs(fresh, options, fileName))
            throw new InvalidOperationException("the policy file written for these options does not read back as them");
        return new HealingConfigEdit(fresh, PreservedLayout: currentText.Trim().Length == 0);
    }

    /// <summary>
    /// <paramref name="currentText"/> with <paramref name="settings"/> applied, unchecked; null when
    /// the text is not valid TOML or a key has no place it can be added without rewriting the table.
    /// A document with no settings at all gets every setting, laid out like the documented file.
    /// </summary>
    internal static string? Apply(string currentText, IReadOnlyList<TomlSetting> settings)
    {
        var newline = currentText.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var document = SyntaxParser.Parse(currentText, "healing.toml", false);
        if (document.HasErrors)
            return null;
        if (document.KeyValues.ChildrenCount == 0 && document.Tables.ChildrenCount == 0)
            return FullDocument(currentText, settings, newline);

        var index = TomlDocumentIndex.Build(document, new ConfigErrorCollector("healing.toml"));
        var defaults = TomlSetting.FromOptions(new HealingOptions()).ToDictionary(s => s.Key, s => s.Value);
        var edits = new List<TextEdit>();
        var missing = new List<TomlSetting>();
        foreach (var setting in settings)
        {
            if (index.Find(setting.Key) is { } written)
            {
                if (!TomlLiteral.SameSetting(setting.Key, written, setting.Value))
                    edits.Add(TextEdit.Replace(written.Span, TomlLiteral.Render(setting.Value)));
            }
            else if (!TomlLiteral.SameSetting(setting.Key, defaults[setting.Key], setting.Value))
            {
                missing.Add(setting);
            }
        }
        if (!TomlTableInserter.TryAdd(currentText, document, index, missing, newline, edits))
            return null;
        return TextEdit.ApplyAll(currentText, edits);
    }

    private static string FullDocument(string currentText, IReadOnlyList<TomlSetting> settings, string newline)
    {
        // Keep whatever comments the empty file had, then the settings.
        var builder = new System.Text.StringBuilder();
        var kept = currentText.TrimEnd();
        if (kept.Length > 0)
            builder.Append(kept).Append(newline).Append(newline);
        var first = true;
        foreach (var table in settings.GroupBy(s => s.Table))
        {
            if (!first)
                builder.Append(newline);
            first = false;
            builder.Append('[').Append(table.Key).Append(']').Append(newline);
            foreach (var setting in table)
                builder.Append(setting.Name).Append(" = ").Append(TomlLiteral.Render(setting.Value)).Append(newline);
        }
        return builder.ToString();
    }

    private static bool ReadsBackAs(string text, HealingOptions options, string fileName)
    {
        var result = HealingConfigParser.Parse(text, fileName);
        if (result.Options is not { } read)
            return false;
        var expected = TomlSetting.FromOptions(options);
        var actual = TomlSetting.FromOptions(read);
        return expected.Zip(actual).All(p => TomlLiteral.SameSetting(p.First.Key, p.First.Value, p.Second.Value));
    }
}

/// <summary>New text for healing.toml; <see cref="PreservedLayout"/> is false when the file had to be rewritten whole.</summary>
public sealed record HealingConfigEdit(string Text, bool PreservedLayout);
