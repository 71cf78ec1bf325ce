using Anna.Core.Linux.Packages.Apt;

namespace Anna.Core.Linux.Packages;

/// <summary>Picks the package manager from /etc/os-release.</summary>
public static class PackageManagerFactory
{
    /// <summary>The distribution's package manager, or null when Anna does not drive this one.</summary>
    public static IPackageManager? For(OsRelease os, AptOptions? apt = null) =>
        os.PackageManager switch
        {
            "apt" => new AptPackageManager(apt ?? AptOptions.Default),
            _ => null,
        };
}
