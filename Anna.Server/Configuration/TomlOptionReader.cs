using Anna.Core.Policy;
using Tomlyn.Syntax;

namespace Anna.Server.Configuration;

/// <summary>
/// Reads typed settings out of a <see cref="TomlDocumentIndex"/>. A missing key yields the
/// default; a bad one records an error at the value (or array item) and also yields the default,
/// so the remaining keys are still checked and every error is reported at once.
/// </summary>
internal sealed class TomlOptionReader(TomlDocumentIndex index, ConfigErrorCollector errors)
{
    public bool IsSet(string key) => index.Find(key) is not null;

    public ValueSyntax? Find(string key) => index.Find(key);

    private readonly HashSet<string> _invalidKeys = new(StringComparer.Ordinal);

    public void Error(SyntaxNodeBase node, string key, string message) => Fail(node, key, message);

    /// <summary>True when the key is written in the file and reading it produced an error.</summary>
    public bool IsInvalid(string key) => _invalidKeys.Contains(key);

    private void Fail(SyntaxNodeBase node, string key, string message)
    {
        _invalidKeys.Add(key);
        errors.Add(node, key, message);
    }

    public bool ReadBool(string key, bool fallback)
    {
        var value = index.Find(key);
        if (value is null)
            return fallback;
        if (value is BooleanValueSyntax b)
            return b.Value;
        Fail(value, key, $"expected true or false, got {TomlValues.Describe(value)}");
        return fallback;
    }

    public int ReadInt(string key, int min, int max, int fallback, string? unit = null)
    {
        var value = index.Find(key);
        if (value is null)
            return fallback;
        return TryInt(value, key, min, max, unit, out var result) ? result : fallback;
    }

    public double ReadNumber(string key, double min, double max, double fallback, string? unit = null)
    {
        var value = index.Find(key);
        if (value is null)
            return fallback;
        double number;
        switch (value)
        {
            case IntegerValueSyntax i:
                number = i.Value;
                break;
            case FloatValueSyntax f:
                number = f.Value;
                break;
            default:
                Fail(value, key, $"expected a number{OfUnit(unit)}, got {TomlValues.Describe(value)}");
                return fallback;
        }
        // NaN fails both comparisons, so it lands here too.
        if (!(number >= min && number <= max))
        {
            Fail(value, key, $"{TomlValues.Number(number)} is out of range; expected {TomlValues.Number(min)} to {TomlValues.Number(max)}{UnitSuffix(unit)}");
            return fallback;
        }
        return number;
    }

    /// <summary>
    /// The value of <paramref name="setting"/> as the file has it, TOML-shaped (see <see cref="SettingKind"/>),
    /// checked against the setting's kind, bounds and choices; <paramref name="fallback"/> when it is
    /// missing or wrong (the error is recorded).
    /// </summary>
    public object Read(PolicySetting setting, object fallback)
    {
        var (key, min, max, unit) = (setting.Key, setting.Min, setting.Max, setting.Unit);
        return setting.Kind switch
        {
            SettingKind.Choice => ReadChoice(key, setting.Choices, (string)fallback),
            SettingKind.Whole => (long)ReadInt(key, (int)min, (int)max, checked((int)(long)fallback), unit),
            SettingKind.Number => ReadNumber(key, min, max, (double)fallback, unit),
            SettingKind.Flag => ReadBool(key, (bool)fallback),
            SettingKind.ChoiceSet => ReadChoiceSet(key, setting.Choices, (IReadOnlyList<string>)fallback),
            SettingKind.WholeList => ReadIntList(key, (int)min, (int)max, (IReadOnlyList<long>)fallback, unit),
            SettingKind.TextList => ReadStringList(key, setting.MaxItems, setting.ItemProblem, (IReadOnlyList<string>)fallback),
            SettingKind.Text => ReadText(key, setting.ItemProblem, (string)fallback),
            _ => throw new ArgumentOutOfRangeException(nameof(setting), setting.Kind, "no reader for this kind"),
        };
    }

    /// <summary>Reads a string that must be one of <paramref name="names"/>.</summary>
    public string ReadChoice(string key, IReadOnlyList<string> names, string fallback)
    {
        var value = index.Find(key);
        if (value is null)
            return fallback;
        return TryChoice(value, key, names, out var result) ? result : fallback;
    }

    /// <summary>Reads an array of strings, each one of <paramref name="names"/>; a repeat counts once.</summary>
    public IReadOnlyList<string> ReadChoiceSet(string key, IReadOnlyList<string> names, IReadOnlyList<string> fallback)
    {
        if (!TryArray(key, out var array))
            return fallback;
        var result = new List<string>();
        var ok = true;
        foreach (var item in Items(array))
        {
            if (!TryChoice(item, key, names, out var parsed))
                ok = false;
            else if (!result.Contains(parsed, StringComparer.Ordinal))
                result.Add(parsed);
        }
        return ok ? result : fallback;
    }

    /// <summary>Reads an array of integers in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public IReadOnlyList<long> ReadIntList(string key, int min, int max, IReadOnlyList<long> fallback, string? unit = null)
    {
        if (!TryArray(key, out var array))
            return fallback;
        var result = new List<long>();
        var ok = true;
        foreach (var item in Items(array))
        {
            if (TryInt(item, key, min, max, unit, out var parsed))
            {
                if (!result.Contains(parsed))
                    result.Add(parsed);
            }
            else
            {
                ok = false;
            }
        }
        return ok ? result : fallback;
    }

    /// <summary>
    /// Reads an array of at most <paramref name="maxItems"/> strings, each accepted by
    /// <paramref name="problem"/> (which returns why an item is wrong, or null).
    /// </summary>
    public IReadOnlyList<string> ReadStringList(string key, int maxItems, Func<string, string?> problem, IReadOnlyList<string> fallback)
    {
        if (!TryArray(key, out var array))
            return fallback;
        var result = new List<string>();
        var ok = true;
        foreach (var item in Items(array))
        {
            if (item is not StringValueSyntax { Value: { } text })
            {
                Fail(item, key, $"expected a string, got {TomlValues.Describe(item)}");
                ok = false;
            }
            else if (problem(text) is { } why)
            {
                Fail(item, key, why);
                ok = false;
            }
            else if (!result.Contains(text, StringComparer.Ordinal))
            {
                result.Add(text);
            }
        }
        if (ok && result.Count > maxItems)
        {
            Fail(array, key, $"{result.Count} entries; at most {maxItems} are allowed");
            ok = false;
        }
        return ok ? result : fallback;
    }

    /// <summary>Reads one string accepted by <paramref name="problem"/>; an empty string means unset and is not checked.</summary>
    public string ReadText(string key, Func<string, string?> problem, string fallback)
    {
        var value = index.Find(key);
        if (value is null)
            return fallback;
        if (value is not StringValueSyntax { Value: { } text })
        {
            Fail(value, key, $"expected a string, got {TomlValues.Describe(value)}");
            return fallback;
        }
        if (text.Length > 0 && problem(text) is { } why)
        {
            Fail(value, key, why);
            return fallback;
        }
        return text;
    }

    /// <summary>The array items of <paramref name="key"/> as written, for cross-key checks.</summary>
    public IEnumerable<ValueSyntax> ItemsOf(string key) =>
        index.Find(key) is ArraySyntax array ? Items(array) : [];

    private static IEnumerable<ValueSyntax> Items(ArraySyntax array)
    {
        foreach (var item in array.Items)
        {
            if (item.Value is not null)
                yield return item.Value;
        }
    }

    private bool TryArray(string key, out ArraySyntax array)
    {
        array = null!;
        var value = index.Find(key);
        if (value is null)
            return false;
        if (value is ArraySyntax a)
        {
            array = a;
            return true;
        }
        Fail(value, key, $"expected an array, got {TomlValues.Describe(value)}");
        return false;
    }

    private bool TryInt(ValueSyntax value, string key, int min, int max, string? unit, out int result)
    {
        result = 0;
        if (value is not IntegerValueSyntax integer)
        {
            Fail(value, key, $"expected a whole number{OfUnit(unit)}, got {TomlValues.Describe(value)}");
            return false;
        }
        if (integer.Value < min || integer.Value > max)
        {
            Fail(value, key, $"{integer.Value} is out of range; expected {min} to {max}{UnitSuffix(unit)}");
            return false;
        }
        result = (int)integer.Value;
        return true;
    }

    private bool TryChoice(ValueSyntax value, string key, IReadOnlyList<string> names, out string result)
    {
        result = "";
        var list = string.Join(", ", names);
        if (value is not StringValueSyntax text)
        {
            Fail(value, key, $"expected a string, one of {list}; got {TomlValues.Describe(value)}");
            return false;
        }
        if (text.Value is null || !names.Contains(text.Value, StringComparer.Ordinal))
        {
            Fail(value, key, $"{TomlValues.Quote(text.Value ?? "")} is not one of {list}");
            return false;
        }
        result = text.Value;
        return true;
    }

    private static string UnitSuffix(string? unit) => unit is null ? "" : $" {unit}";

    /// <summary>"a number of seconds", but "a whole number (hour of day)".</summary>
    private static string OfUnit(string? unit) => unit switch
    {
        null => "",
        ['(', ..] => $" {unit}",
        _ => $" of {unit}",
    };
}
