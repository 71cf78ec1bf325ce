namespace Anna.Core.Linux.Packages;

/// <summary>
/// Checks a version string before it goes into an argument (<c>name=version</c>) or a file name
/// pattern: the characters Debian and Arch versions use (letters, digits, <c>. + ~ : _ -</c>),
/// starting with a letter or digit, so it is never an option, a path or a wildcard.
/// </summary>
public static class PackageVersionText
{
    public const int MaxLength = 256;

    /// <summary>Why the version is unusable, or null when it is fine.</summary>
    public static string? Problem(string? version)
    {
        if (string.IsNullOrEmpty(version))
            return "version is empty";
        if (version.Length > MaxLength)
            return $"version is longer than {MaxLength} characters";
        if (!char.IsAsciiLetterOrDigit(version[0]))
            return $"version '{version}' must start with a letter or digit";
        if (version.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '~' or ':' or '_' or '-')))
            return $"version '{version}' contains a character that is not allowed";
        return null;
    }

    public static void Validate(string? version)
    {
        if (Problem(version) is { } problem)
            throw new ArgumentException(problem, nameof(version));
    }
}
