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
    /// <param name="cacheDirectory">
    /// Where the package cache is when not the distribution's default (setting <c>Anna:PackageCache</c>):
    /// apt's <c>Dir::Cache</c> (its downloads in <c>archives/</c> below it), pacman's cache directory.
    /// </param>
    public static IPackageManager ForThisMachine(OsRelease os, string? cacheDirectory = null)
    {
        if (string.IsNullOrEmpty(cacheDirectory))
            return For(os) ?? new UnsupportedPackageManager(os);
        if (!Path.IsPathFullyQualified(cacheDirectory) || cacheDirectory.Any(char.IsControl))
            throw new ArgumentException($"Anna:PackageCache must be an absolute directory, not '{cacheDirectory}'", nameof(cacheDirectory));
        var archives = Path.Combine(cacheDirectory, "archives");
        var apt = AptOptions.Default with
        {
            ExtraOptions = [$"Dir::Cache={cacheDirectory}"],
            ArchivesDirectory = archives,
            LockFiles = [.. AptOptions.Default.LockFiles.Where(l => !l.StartsWith(AptOptions.Default.ArchivesDirectory + "/", StringComparison.Ordinal)),
                Path.Combine(archives, DebCache.LockFileName)],
        };
        return For(os, apt, new PacmanOptions { CacheDir = cacheDirectory }) ?? new UnsupportedPackageManager(os);
    }
}
