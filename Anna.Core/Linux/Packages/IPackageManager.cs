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
}
