using System.Globalization;
using Anna.Core.Linux.Packages;

namespace Anna.Core.Probes;

/// <summary>How package lists are written into (and read back from) an issue's evidence.</summary>
public static class PackageEvidence
{
    public static string JoinNames(IEnumerable<PackageName> names) => string.Join(", ", names.Select(n => n.Value));

    /// <summary>The package names listed under "packages", skipping anything that is not a valid name.</summary>
    public static IReadOnlyList<PackageName> Names(IReadOnlyDictionary<string, string> evidence) =>
        evidence.TryGetValue("packages", out var list)
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => PackageName.TryParse(s, out var n, out _) ? n : (PackageName?)null)
                .OfType<PackageName>()
                .ToList()
            : [];

    public static Dictionary<string, string> ForUpdates(IReadOnlyList<PackageUpdate> updates, bool rebootRequired) => new()
    {
        ["count"] = updates.Count.ToString(CultureInfo.InvariantCulture),
        ["packages"] = JoinNames(updates.Select(u => u.Name)),
        ["versions"] = string.Join(", ", updates.Select(u => $"{u.Name} {u.InstalledVersion} → {u.CandidateVersion}")),
        ["reboot_required"] = rebootRequired ? "true" : "false",
    };
}
