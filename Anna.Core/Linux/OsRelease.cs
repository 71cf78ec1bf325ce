namespace Anna.Core.Linux;

/// <summary>The distribution as /etc/os-release names it (ID and ID_LIKE), which decides the package manager.</summary>
public sealed record OsRelease(string Id, IReadOnlyList<string> IdLike, string PrettyName)
{
    public const string DefaultPath = "/etc/os-release";

    public static readonly OsRelease Unknown = new("unknown", [], "an unknown distribution");

    /// <summary>"apt", "pacman", or null when Anna does not support this distribution's packages.</summary>
    public string? PackageManager =>
        Is("debian") || Is("ubuntu") ? "apt" : Is("arch") ? "pacman" : null;

    private bool Is(string id) => Id == id || IdLike.Contains(id);

    public static OsRelease Read(string path = DefaultPath)
    {
        if (!File.Exists(path))
            return Unknown;
        return Parse(File.ReadAllLines(path));
    }

    /// <summary>Parses os-release(5) lines: KEY=value with optional single or double quotes.</summary>
    public static OsRelease Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=');
            if (line.StartsWith('#') || eq <= 0)
                continue;
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
                value = value[1..^1];
            values[line[..eq].Trim()] = value;
        }
        var id = values.GetValueOrDefault("ID", "unknown").ToLowerInvariant();
        var like = values.GetValueOrDefault("ID_LIKE", "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => s.ToLowerInvariant()).ToList();
        return new OsRelease(id, like, values.GetValueOrDefault("PRETTY_NAME", id));
    }
}
