using Anna.Core.Linux.Packages.Apt;
using Anna.Core.Linux.Packages.Pacman;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Linux.Packages;

/// <summary>Picks the package manager from /etc/os-release.</summary>
public static class PackageManagerFactory
{
    /// <summary>The distribution's package manager, or null when Anna does not drive this one.</summary>
    public static IPackageManager? For(OsRelease os, AptOptions? apt = null, PacmanOptions? pacman = null) =>
        os.PackageManager switch
        {
            "apt" => new AptPackageManager(apt ?? AptOptions.Default),
            "pacman" => new PacmanPackageManager(pacman ?? new PacmanOptions(), new ProcessRunner()),
            _ => null,
        };

    /// <summary>The distribution's package manager, or one that says clearly why there is none.</summary>
    public static IPackageManager ForThisMachine(OsRelease os) => For(os) ?? new UnsupportedPackageManager(os);
}
