namespace Anna.Core.Linux.Packages;

/// <summary>
/// The distribution's package manager, driven through its own tools with argument lists. Every
/// changing call has a dry run that reports exactly what would change and changes nothing.
/// </summary>
public interface IPackageManager
{
    /// <summary>"apt" or "pacman".</summary>
    string Name { get; }

    Task<IReadOnlyList<PackageUpdate>> ListUpgradableAsync(CancellationToken cancellationToken);

    /// <summary>Packages installed as dependencies that nothing needs any more.</summary>
    Task<IReadOnlyList<InstalledPackage>> ListOrphansAsync(CancellationToken cancellationToken);

    Task<CacheUsage> CacheUsageAsync(CancellationToken cancellationToken);

    Task<PackageManagerLock> LockStatusAsync(CancellationToken cancellationToken);

    /// <summary>Debian's /var/run/reboot-required; on Arch, the running kernel differs from the installed one.</summary>
    Task<bool> RebootRequiredAsync(CancellationToken cancellationToken);

    Task<PackageChange> UpgradeAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken);

    /// <summary>Upgrades everything except kernel packages, which stay for the kernel_update action.</summary>
    Task<PackageChange> UpgradeAllExceptKernelAsync(bool dryRun, CancellationToken cancellationToken);

    Task<PackageChange> RemoveAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken);

    Task<PackageChange> CleanCacheAsync(bool dryRun, CancellationToken cancellationToken);

    /// <summary>
    /// Exactly the files a cache cleanup removes (apt: every file in the archives directory and
    /// its partial/ but the lock; pacman: the versions beyond the newest keep_versions), so that
    /// Anna can quarantine them instead of deleting them. Symlinks and other non-regular files
    /// are never listed. Changes nothing.
    /// </summary>
    Task<IReadOnlyList<CacheFile>> ListCleanableCacheFilesAsync(CancellationToken cancellationToken);

    /// <summary>The installed version of a package, or null when it is not installed.</summary>
    Task<string?> InstalledVersionAsync(PackageName package, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps the package file of <paramref name="version"/> of a package in <paramref name="directory"/>
    /// (made when missing), so that version can be installed again offline: taken from the package
    /// cache when it is there, otherwise fetched as the package manager can. Never throws for a file
    /// that cannot be had: the answer says why.
    /// </summary>
    Task<KeptPackageFile> KeepPackageFileAsync(PackageName package, string version, string directory, CancellationToken cancellationToken);

    /// <summary>
    /// Installs package files (absolute paths), downgrades included. Packages that were installed
    /// keep their install reason; packages new to the system are marked as installed as
    /// dependencies when <paramref name="asDependencies"/> is true (so they count as orphans again).
    /// </summary>
    Task<PackageChange> InstallFilesAsync(IReadOnlyList<string> packageFiles, bool asDependencies, bool dryRun, CancellationToken cancellationToken);
}
