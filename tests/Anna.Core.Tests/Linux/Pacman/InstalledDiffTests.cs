using Anna.Core.Linux.Packages;
using Anna.Core.Linux.Packages.Pacman;

namespace Anna.Core.Tests.Linux.Pacman;

public sealed class InstalledDiffTests
{
    [Fact]
    public void Reports_upgrades_installs_and_removals_by_name()
    {
        var before = Versions(("hello", "1.0-1"), ("app", "1.0-1"), ("same", "1"));
        var after = Versions(("hello", "2.0-1"), ("lib", "1.0-1"), ("same", "1"));
        Assert.Equal(
            [
                new PackageVersionChange(PackageName.Parse("app"), "1.0-1", null),
                new PackageVersionChange(PackageName.Parse("hello"), "1.0-1", "2.0-1"),
                new PackageVersionChange(PackageName.Parse("lib"), null, "1.0-1"),
            ],
            InstalledDiff.Between(before, after));
    }

    private static Dictionary<PackageName, string> Versions(params (string Name, string Version)[] packages) =>
        packages.ToDictionary(p => PackageName.Parse(p.Name), p => p.Version);
}
