using System.Diagnostics.CodeAnalysis;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// A unit name that passed systemd's unit-name grammar (systemd.unit(5), unit_name_is_valid):
/// at most 255 characters, a prefix of [A-Za-z0-9:_.\\-] (and '@' for instances), a known type
/// suffix. Nothing reaches systemd — or a log line — without passing through here.
/// </summary>
public readonly record struct UnitName
{
    public const int MaxLength = 255;

    private static readonly string[] Suffixes =
    [
        ".service", ".socket", ".device", ".mount", ".automount", ".swap",
        ".target", ".path", ".timer", ".slice", ".scope",
    ];

    private UnitName(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static UnitName Parse(string value) =>
        TryParse(value, out var name, out var error) ? name : throw new ArgumentException(error, nameof(value));

    public static bool TryParse([NotNullWhen(true)] string? value, out UnitName name, [NotNullWhen(false)] out string? error)
    {
        name = default;
        error = Validate(value);
        if (error is not null)
            return false;
        name = new UnitName(value!);
        return true;
    }

    private static string? Validate(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "unit name is empty";
        if (value.Length > MaxLength)
            return $"unit name is longer than {MaxLength} characters";
        var suffix = Array.Find(Suffixes, s => value.EndsWith(s, StringComparison.Ordinal));
        if (suffix is null)
            return "unit name must end with a unit type such as .service";
        var prefix = value[..^suffix.Length];
        if (prefix.Length == 0)
            return "unit name has no name before its type";
        var at = prefix.IndexOf('@');
        if (at == 0)
            return "unit name must not start with '@'";
        if (at >= 0 && prefix.IndexOf('@', at + 1) >= 0)
            return "unit name may contain at most one '@'";
        foreach (var c in prefix)
        {
            if (c != '@' && !IsUnitChar(c))
                return $"unit name contains a character systemd does not allow: '{Printable(c)}'";
        }
        return null;
    }

    private static bool IsUnitChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ':' or '_' or '.' or '-' or '\\';

    private static string Printable(char c) => char.IsControl(c) || c > 126 ? $"\\u{(int)c:x4}" : c.ToString();
}
