namespace Anna.Server.Configuration;

/// <summary>
/// Refuses a policy file that someone other than root could change. Anna runs as root and does
/// what the file allows, so a file (or a directory holding it) writable by others would let
/// them grant themselves root's hands.
/// </summary>
public static class PolicyFileGuard
{
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Problems with who may write <paramref name="path"/>; empty when it is safe to act on.</summary>
    public static IReadOnlyList<string> Check(string path) => Check(path, Environment.IsPrivilegedProcess);

    /// <summary>
    /// Only enforced when running as root: an unprivileged Anna (demo, development) cannot do
    /// anything its user could not do anyway.
    /// </summary>
    internal static IReadOnlyList<string> Check(string path, bool runningAsRoot)
    {
        if (!runningAsRoot)
            return [];
        var problems = new List<string>();
        var full = Path.GetFullPath(path);
        var (uid, _, mode) = UnixFileOwner.Stat(full);
        if (uid != 0)
            problems.Add($"{full} is owned by uid {uid}, not root; root acts on it — chown root {full}");
        if ((mode & GroupOrOtherWrite) != 0)
            problems.Add($"{full} is writable by group/others; root acts on it — chmod go-w {full}");

        // Whoever can write the directory can replace the file by renaming another one over it. For a
        // policy file that is a link, that is true of the link's directory and of the file's own.
        CheckDirectory(Path.GetDirectoryName(full), "holding the policy file", problems);
        if (new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            CheckDirectory(Path.GetDirectoryName(target.FullName), $"holding {target.FullName}, which the policy file links to", problems);
        return problems;
    }

    private static void CheckDirectory(string? directory, string role, List<string> problems)
    {
        if (directory is null)
            return;
        var (dirUid, _, dirMode) = UnixFileOwner.Stat(directory);
        var sticky = (dirMode & UnixFileMode.StickyBit) != 0;
        if (dirUid != 0)
            problems.Add($"{directory} ({role}) is owned by uid {dirUid}, not root; its owner can replace the file — chown root {directory}");
        else if ((dirMode & GroupOrOtherWrite) != 0 && !sticky)
            problems.Add($"{directory} ({role}) is writable by group/others; they can replace the file — chmod go-w {directory}");
    }
}
