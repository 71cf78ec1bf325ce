using System.Globalization;
using System.Text;
using Anna.Core.Policy;
using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>
/// Writes <see cref="TomlSetting"/> values as TOML source, and decides whether a value already in
/// the file means the same as a new one, so that unchanged settings keep the user's spelling.
/// </summary>
internal static class TomlLiteral
{
    // Keys whose arrays the parser reads as sets: order and repeats carry no meaning.
    private static readonly HashSet<string> SetKeys =
        PolicySettings.All.Where(s => s.Kind == SettingKind.ChoiceSet).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

    public static string Render(object value) => value switch
    {
        string s => Quote(s),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => Float(d),
        bool b => b ? "true" : "false",
        IEnumerable<string> strings => $"[{string.Join(", ", strings.Select(Quote))}]",
        IEnumerable<long> numbers => $"[{string.Join(", ", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)))}]",
        _ => throw new ArgumentException($"cannot write {value.GetType().Name} to TOML", nameof(value)),
    };

    /// <summary>True when <paramref name="written"/> reads as the same setting as <paramref name="value"/>.</summary>
    public static bool SameSetting(string key, ValueSyntax written, object value) =>
        FromSyntax(written) is { } existing && SameSetting(key, existing, value);

    public static bool SameSetting(string key, object a, object b) =>
        string.Equals(Render(Normalize(key, a)), Render(Normalize(key, b)), StringComparison.Ordinal);

    /// <summary>The value a node holds, in <see cref="TomlSetting"/> terms; null for what a setting never holds.</summary>
    private static object? FromSyntax(ValueSyntax node)
    {
        switch (node)
        {
            case StringValueSyntax s when s.Value is not null:
                return s.Value;
            case IntegerValueSyntax i:
                return i.Value;
            case FloatValueSyntax f:
                return f.Value;
            case BooleanValueSyntax b:
                return b.Value;
            case ArraySyntax array:
                var items = array.Items.Select(item => item.Value is null ? null : FromSyntax(item.Value)).ToList();
                if (items.All(v => v is string))
                    return items.Cast<string>().ToList();
                if (items.All(v => v is long))
                    return items.Cast<long>().ToList();
                return null;
            default:
                return null;
        }
    }

    /// <summary>Puts a value in the form the parser would give it, so two spellings of one setting compare equal.</summary>
    private static object Normalize(string key, object value) => value switch
    {
        IEnumerable<string> strings when SetKeys.Contains(key) => strings.Distinct().Order(StringComparer.Ordinal).ToList(),
        IEnumerable<string> strings => strings.ToList(),
        IEnumerable<long> numbers => numbers.Distinct().ToList(),
        long l when key.EndsWith(".settle_seconds", StringComparison.Ordinal)
            || key.EndsWith(".psi_some_avg10_warning", StringComparison.Ordinal) => (double)l,
        _ => value,
    };

    /// <summary>A TOML float always has a '.' or an exponent; "R" keeps every digit.</summary>
    private static string Float(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            return double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (char.IsControl(c))
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    else
                        builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
