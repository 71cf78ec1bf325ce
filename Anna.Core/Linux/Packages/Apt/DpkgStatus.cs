using System.Globalization;

namespace Anna.Core.Linux.Packages.Apt;

/// <summary>Reads dpkg-query output: installed versions and installed sizes.</summary>
public static class DpkgStatus
{
    /// <summary>The dpkg-query format that <see cref="ParseInstalled"/> reads.</summary>
    public const string InstalledFormat = "${Package}\t${Version}\t${db:Status-Status}\t${Installed-Size}\n";

    /// <summary>Installed packages by name, with version and size in bytes (dpkg records KiB).</summary>
    public static IReadOnlyDictionary<string, InstalledPackage> ParseInstalled(string output)
    {
        var installed = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length < 4 || fields[2] != "installed" || !PackageName.TryParse(fields[0], out var name, out _))
                continue;
            long? bytes = long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
            // A multi-arch package appears once per architecture; one entry is enough here.
            installed.TryAdd(name.Value, new InstalledPackage(name, fields[1], bytes));
        }
        return installed;
    }

    /// <summary>What changed between two snapshots: upgraded, newly installed and removed packages.</summary>
    public static IReadOnlyList<PackageVersionChange> Diff(
        IReadOnlyDictionary<string, InstalledPackage> before, IReadOnlyDictionary<string, InstalledPackage> after)
    {
        var changes = new List<PackageVersionChange>();
        foreach (var (name, now) in after)
        {
            var old = before.GetValueOrDefault(name);
            if (old is null || old.Version != now.Version)
                changes.Add(new PackageVersionChange(now.Name, old?.Version, now.Version));
        }
        changes.AddRange(before.Where(p => !after.ContainsKey(p.Key)).Select(p => new PackageVersionChange(p.Value.Name, p.Value.Version, null)));
        return changes.OrderBy(c => c.Name.Value, StringComparer.Ordinal).ToList();
    }
}
