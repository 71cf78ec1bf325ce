using Anna.Core.Linux.FileSystem;

namespace Anna.Core.Linux.Journal;

/// <summary>
/// The journal files of this machine: <c>/var/log/journal/&lt;machine-id&gt;</c> (persistent) and
/// <c>/run/log/journal/&lt;machine-id&gt;</c> (volatile) — the directories journalctl reads and
/// vacuums by default. Nothing is followed through a symbolic link; only regular files count.
/// </summary>
public static class JournalFiles
{
    public static readonly IReadOnlyList<string> DefaultRoots = ["/var/log/journal", "/run/log/journal"];

    /// <summary>Every journal file under the machine's directories in <paramref name="roots"/>; none when there is no machine id.</summary>
    public static IReadOnlyList<JournalFile> List(IReadOnlyList<string> roots, string machineIdPath = "/etc/machine-id")
    {
        var machineId = File.Exists(machineIdPath) ? File.ReadAllText(machineIdPath).Trim() : "";
        if (machineId.Length != 32 || !machineId.All(char.IsAsciiHexDigit))
            return [];
        var files = new List<JournalFile>();
        foreach (var root in roots)
        {
            var directory = Path.Combine(root, machineId);
            if (UnixStat.TryGet(directory) is not { Type: UnixFileType.Directory })
                continue;
            foreach (var entry in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(entry);
                if (!name.EndsWith(".journal", StringComparison.Ordinal) && !name.EndsWith(".journal~", StringComparison.Ordinal))
                    continue;
                if (UnixStat.TryGet(entry) is { Type: UnixFileType.Regular } stat)
                    files.Add(JournalFile.FromName(entry, stat.AllocatedBytes));
            }
        }
        return files;
    }
}
