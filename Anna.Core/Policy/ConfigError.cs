namespace Anna.Core.Policy;

/// <summary>One problem in healing.toml, with where it is (1-based line and column) and why.</summary>
public sealed record ConfigError(string File, int Line, int Column, string Key, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): {Key}: {Message}";
}
