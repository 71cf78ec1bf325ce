namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>What a transaction did, read from the installed versions before and after it.</summary>
public static class InstalledDiff
{
    public static IReadOnlyList<PackageVersionChange> Between(IReadOnlyDictionary<PackageName, string> before, IReadOnlyDictionary<PackageName, string> after)
    {
        var changes = new List<PackageVersionChange>();
        foreach (var (name, oldVersion) in before)
        {
            var newVersion = after.GetValueOrDefault(name);
            if (newVersion != oldVersion)
                changes.Add(new PackageVersionChange(name, oldVersion, newVersion));
        }
        foreach (var (name, newVersion) in after)
        {
            if (!before.ContainsKey(name))
                changes.Add(new PackageVersionChange(name, null, newVersion));
        }
        return [.. changes.OrderBy(c => c.Name.Value, StringComparer.Ordinal)];
    }
}
