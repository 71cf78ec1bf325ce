namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// File names as Anna shows them to people. Anna reads as root, but what it shows — evidence,
/// history, undo steps — reaches every viewer of the dashboard and the API; a name any local user
/// could list (every directory above it listable by others)
/// is shown as it is, while one below a directory only root (or its group) can read shows only as
/// far as others could see: <c>/var/log/private/… (names hidden: only root can list it)</c>. A
/// name that cannot be checked (a directory gone, unreadable) is hidden too. An admin who needs it
/// can list the directory as root.
/// </summary>
public static class PrivatePaths
{
    private const UnixFileMode List = UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary><paramref name="path"/> as shown to people (see the type).</summary>
    public static string Shown(string path) =>
        HiddenBelow(path) is { } directory ? $"{directory.TrimEnd('/')}/… (names hidden: only root can list {directory})" : path;

    /// <summary>
    /// The highest directory above <paramref name="path"/> that others cannot list, below which names
    /// are not shown; null when the path may be shown as it is.
    /// </summary>
    public static string? HiddenBelow(string path)
    {
        if (!Path.IsPathFullyQualified(path))
            return null; // not a file name Anna read from the machine
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is null)
            return null; // "/" itself
        // From "/" down: a directory others cannot list hides the names below it (its own name was
        // listed one step up, so it is shown).
        return DirectoriesDownTo(directory).FirstOrDefault(d => !Listable(d));
    }

    /// <summary>"/", then each directory down to and including <paramref name="directory"/>.</summary>
    private static IEnumerable<string> DirectoriesDownTo(string directory)
    {
        var reached = "/";
        yield return reached;
        foreach (var part in directory.Split('/', StringSplitOptions.RemoveEmptyEntries))
            yield return reached = Path.Join(reached, part);
    }

    private static bool Listable(string directory)
    {
        try
        {
            return (File.GetUnixFileMode(directory) & List) == List;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
