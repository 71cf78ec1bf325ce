using System.Diagnostics.CodeAnalysis;

namespace Anna.Core.Linux.Packages;

/// <summary>
/// A package name that passed the stricter of Debian's and Arch's rules: lower- or upper-case
/// letters, digits and <c>+ . - _ @</c>, starting with a letter or digit, at most 128 characters.
/// It can never be taken for an option (no leading '-') or a path (no '/').
/// </summary>
public readonly record struct PackageName
{
    public const int MaxLength = 128;

    private PackageName(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static PackageName Parse(string value) =>
        TryParse(value, out var name, out var error) ? name : throw new ArgumentException(error, nameof(value));

    public static bool TryParse([NotNullWhen(true)] string? value, out PackageName name, [NotNullWhen(false)] out string? error)
    {
        name = default;
        if (string.IsNullOrEmpty(value))
            error = "package name is empty";
        else if (value.Length > MaxLength)
            error = $"package name is longer than {MaxLength} characters";
        else if (!char.IsAsciiLetterOrDigit(value[0]))
            error = "package name must start with a letter or digit";
        else if (value.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-' or '_' or '@')) is var bad and not '\0')
            error = $"package name contains a character that is not allowed: '{(char.IsControl(bad) || bad > 126 ? $"\\u{(int)bad:x4}" : bad.ToString())}'";
        else
            error = null;
        if (error is not null)
            return false;
        name = new PackageName(value!);
        return true;
    }
}
