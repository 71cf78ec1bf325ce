using System.Globalization;
using System.Text;

namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// A fingerprint of everything an apt simulation reads: the dpkg database, apt's auto-installed
/// marks, the package lists and the sources and preferences. While it is unchanged, the answer of
/// "what is outdated / orphaned" is unchanged too, so a scan can reuse it instead of spending
/// seconds in apt's resolver. Null when a path cannot be pinned down (then nothing is reused).
/// </summary>
internal static class AptStateStamp
{
    public static string? Of(AptOptions options)
    {
        var settings = options.ExtraOptions
            .Select(o => o.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
        string? Setting(string key, string fallback) => settings.TryGetValue(key, out var value) ? value : fallback;
        // A moved root (Dir, Dir::State, Dir::Etc) moves every default below it: do not guess.
        if (settings.Keys.Any(k => k is "Dir" or "Dir::State" or "Dir::Etc" or "Dir::Etc::Parts"))
            return null;

        string?[] paths =
        [
            Setting("Dir::State::status", "/var/lib/dpkg/status"),
            Setting("Dir::State::extended_states", "/var/lib/apt/extended_states"),
            Setting("Dir::State::Lists", "/var/lib/apt/lists"),
            Setting("Dir::Etc::SourceList", "/etc/apt/sources.list"),
            Setting("Dir::Etc::SourceParts", "/etc/apt/sources.list.d"),
            Setting("Dir::Etc::Preferences", "/etc/apt/preferences"),
            Setting("Dir::Etc::PreferencesParts", "/etc/apt/preferences.d"),
            "/etc/apt/apt.conf.d",
        ];
        var stamp = new StringBuilder();
        foreach (var path in paths)
        {
            if (path is null || !Path.IsPathFullyQualified(path))
                return null;
            stamp.Append(path).Append('|').Append(Describe(path)).Append(';');
        }
        // Options that are not paths can change the answer too (e.g. APT::Default-Release).
        stamp.Append(string.Join('\u0001', options.ExtraOptions));
        return stamp.ToString();
    }

    /// <summary>Modification time and size of a file; for a directory also of each entry in it (lists are replaced by rename).</summary>
    private static string Describe(string path)
    {
        if (File.Exists(path))
            return Entry(new FileInfo(path));
        if (!Directory.Exists(path))
            return "absent";
        var directory = new DirectoryInfo(path);
        var entries = directory.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => e.Name + ":" + Entry(e));
        return Entry(directory) + "[" + string.Join(',', entries) + "]";
    }

    private static string Entry(FileSystemInfo info) =>
        string.Create(CultureInfo.InvariantCulture, $"{info.LastWriteTimeUtc.Ticks}/{(info is FileInfo f ? f.Length : 0)}");
}
