using Anna.Core.Linux.Packages;

namespace Anna.Core.Tests.Fakes;

/// <summary>A package manager whose answers the test sets; records every changing call.</summary>
public sealed class FakePackageManager : IPackageManager
{
    public string Name => "fake";
    public List<PackageUpdate> Upgradable { get; } = [];
    public List<InstalledPackage> Orphans { get; } = [];
    public CacheUsage Cache { get; set; } = new("/tmp", 0, 0, []);
    /// <summary>What a clean would remove; by default the files of <see cref="Cache"/>, zero bytes each.</summary>
    public List<CacheFile>? Cleanable { get; set; }
    public PackageManagerLock Lock { get; set; } = PackageManagerLock.Free;
    public bool RebootRequired { get; set; }
    public List<string> Calls { get; } = [];

    public Task<IReadOnlyList<PackageUpdate>> ListUpgradableAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PackageUpdate>>(Upgradable.ToList());
    public Task<IReadOnlyList<InstalledPackage>> ListOrphansAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<InstalledPackage>>(Orphans.ToList());
    public Task<CacheUsage> CacheUsageAsync(CancellationToken cancellationToken) => Task.FromResult(Cache);
    public Task<PackageManagerLock> LockStatusAsync(CancellationToken cancellationToken) => Task.FromResult(Lock);
    public Task<bool> RebootRequiredAsync(CancellationToken cancellationToken) => Task.FromResult(RebootRequired);

    public Task<PackageChange> UpgradeAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken) =>
        Record($"upgrade {string.Join(',', packages)}", dryRun,
            Upgradable.Where(u => packages.Contains(u.Name)).Select(u => new PackageVersionChange(u.Name, u.InstalledVersion, u.CandidateVersion)));

    public Task<PackageChange> UpgradeAllExceptKernelAsync(bool dryRun, CancellationToken cancellationToken) =>
        Record("upgrade-all-except-kernel", dryRun,
            Upgradable.Where(u => !u.IsKernel).Select(u => new PackageVersionChange(u.Name, u.InstalledVersion, u.CandidateVersion)));

    public Task<PackageChange> RemoveAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken) =>
        Record($"remove {string.Join(',', packages)}", dryRun, packages.Select(p => new PackageVersionChange(p, "1", null)));

    public Task<PackageChange> CleanCacheAsync(bool dryRun, CancellationToken cancellationToken) =>
        Record("clean", dryRun, []);

    public Task<IReadOnlyList<CacheFile>> ListCleanableCacheFilesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CacheFile>>(Cleanable?.ToList() ?? Cache.ReclaimableFiles.Select(f => new CacheFile(f, 0)).ToList());

    private Task<PackageChange> Record(string call, bool dryRun, IEnumerable<PackageVersionChange> changes)
    {
        Calls.Add((dryRun ? "dry " : "") + call);
        return Task.FromResult(new PackageChange(dryRun, true, changes.ToList(), 0, "", TimeSpan.FromSeconds(1)));
    }
}
