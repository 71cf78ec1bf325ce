using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.ProcFs;

namespace Anna.Core.Rollback;

/// <summary>
/// Makes the quarantine's directories root-only (0700, owned by Anna) and refuses to use one that
/// is not: a mount root such as /tmp is writable by everyone, and a <c>.anna-quarantine</c> someone
/// else made there (or a symlink by that name) must never receive root's files. Also removes the
/// directories again once they are empty.
/// </summary>
internal sealed class QuarantineDirectories
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OpenToOthers = (UnixFileMode)0b000_111_111;

    private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
    private readonly uint _owner = ProcessIdentity.EffectiveUid;

    /// <summary>Makes (or checks) every directory from <paramref name="root"/> down to <paramref name="directory"/>; null when all are root-only.</summary>
    public string? Prepare(string root, string directory)
    {
        if (_checked.Contains(directory))
            return null;
        try
        {
            var parent = Path.GetDirectoryName(root)!;
            if (!Directory.Exists(parent))
                Directory.CreateDirectory(parent, OwnerOnly); // the data directory, not made yet
            if (Check(root) is { } problem)
                return problem;
            var current = root;
            foreach (var segment in directory[root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                current = current + "/" + segment;
                if (Check(current) is { } below)
                    return below;
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot make the quarantine directory {directory}: {e.Message}";
        }
    }

    private string? Check(string directory)
    {
        if (_checked.Contains(directory))
            return null;
        if (UnixStat.TryGet(directory) is null)
            Directory.CreateDirectory(directory, OwnerOnly);
        // Looked at after making it: what counts is what is there now, not what was there before.
        var stat = UnixStat.TryGet(directory);
        if (stat is null)
            return $"{directory} vanished while it was being made";
        if (stat.Type == UnixFileType.Symlink)
            return $"{directory} is a symbolic link; the quarantine never follows one";
        if (stat.Type != UnixFileType.Directory)
            return $"{directory} is not a directory";
        if (stat.Uid != _owner)
            return $"{directory} belongs to uid {stat.Uid}, not to Anna (uid {_owner}); it is not used as quarantine";
        if ((stat.Mode & OpenToOthers) != 0)
            return $"{directory} is open to other users (mode {Convert.ToString((int)stat.Mode, 8)}); the quarantine must be 0700";
        _checked.Add(directory);
        return null;
    }

    /// <summary>
    /// Removes the now empty directories the files were kept in, from the deepest up to the
    /// action's own directory, and a foreign root left empty. Directories that still hold
    /// something stay (and so do their parents).
    /// </summary>
    public static void PruneEmpty(IEnumerable<QuarantinedFile> files)
    {
        var stops = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (QuarantineLayout.JournalDirectoryOf(file) is { } journalDirectory)
                stops.TryAdd(Path.GetDirectoryName(file.QuarantinePath)!, journalDirectory);
        }
        var roots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, journalDirectory) in stops.OrderByDescending(s => s.Key.Length))
        {
            for (var current = start; current.Length >= journalDirectory.Length; current = Path.GetDirectoryName(current)!)
            {
                if (!TryRemoveEmpty(current))
                    break;
            }
            roots.Add(Path.GetDirectoryName(journalDirectory)!);
        }
        foreach (var root in roots.Where(QuarantineLayout.IsForeignRoot))
            TryRemoveEmpty(root);
    }

    private static bool TryRemoveEmpty(string directory)
    {
        try
        {
            if (UnixStat.TryGet(directory) is not { Type: UnixFileType.Directory })
                return UnixStat.TryGet(directory) is null; // already gone: go on up
            if (Directory.EnumerateFileSystemEntries(directory).Any())
                return false;
            Directory.Delete(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
