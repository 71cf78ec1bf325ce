
namespace Anna.Core.Linux.Packages;

/// <summary>
/// Stands in on a distribution whose packages Anna does not manage: every call says so, which the
/// package probes report as "unsupported" instead of crashing or pretending all is well.
/// </summary>
public sealed class UnsupportedPackageManager(OsRelease os) : IPackageManager
{
    public string Name => "unsupported";

    private ProbeUnavailableException Unsupported() =>
        new($"Anna does not manage packages on {os.PrettyName} (supported: Debian and Ubuntu with apt, Arch with pacman)");

    public Task<IReadOnlyList<PackageUpdate>> ListUpgradableAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<IReadOnlyList<InstalledPackage>> ListOrphansAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<CacheUsage> CacheUsageAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<PackageManagerLock> LockStatusAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<bool> RebootRequiredAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<PackageChange> UpgradeAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken) => throw Unsupported();

    public Task<PackageChange> UpgradeAllExceptKernelAsync(bool dryRun, CancellationToken cancellationToken) => throw Unsupported();

    public Task<PackageChange> RemoveAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken) => throw Unsupported();

    public Task<PackageChange> CleanCacheAsync(bool dryRun, CancellationToken cancellationToken) => throw Unsupported();

    public Task<IReadOnlyList<CacheFile>> ListCleanableCacheFilesAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<string?> InstalledVersionAsync(PackageName package, CancellationToken cancellationToken) => throw Unsupported();

    public Task<KeptPackageFile> KeepPackageFileAsync(PackageName package, string version, string directory, CancellationToken cancellationToken) => throw Unsupported();

    public Task<PackageChange> InstallFilesAsync(IReadOnlyList<string> packageFiles, bool asDependencies, bool dryRun, CancellationToken cancellationToken) => throw Unsupported();
}
