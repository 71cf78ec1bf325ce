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
    /// <summary>Measure the cache from the <see cref="Cleanable"/> files still on disk, as a real package manager would after a cleanup.</summary>
    public bool MeasureCleanable { get; set; }
    public Task<CacheUsage> CacheUsageAsync(CancellationToken cancellationToken) => Task.FromResult(MeasureCleanable && Cleanable is { } files
        ? Measured(files.Where(f => File.Exists(f.Path)).ToList())
        : Cache);

    private CacheUsage Measured(List<CacheFile> left) => Cache with
    {
        TotalBytes = left.Sum(f => f.Bytes),
        ReclaimableBytes = left.Sum(f => f.Bytes),
        ReclaimableFiles = left.Select(f => f.Path).ToList(),
    };
    public Task<PackageManagerLock> LockStatusAsync(CancellationToken cancellationToken) => Task.FromResult(Lock);
    public Task<bool> RebootRequiredAsync(CancellationToken cancellationToken) => Task.FromResult(RebootRequired);

    public Task<PackageChange> UpgradeAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken) =>
        Record($"upgrade {string.Join(',', packages)}", dryRun,
            Upgradable.Where(u => packages.Contains(u.Name)).Select(u => new PackageVersionChange(u.Name, u.InstalledVersion, u.CandidateVersion)));

    public Task<PackageChange> UpgradeAllExceptKernelAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var changes = Upgradable.Where(u => !u.IsKernel).Select(u => new PackageVersionChange(u.Name, u.InstalledVersion, u.CandidateVersion)).ToList();
        // A real run does what it says: the packages are no longer outdated.
        if (!dryRun && DryRunRefusal is null)
            Upgradable.RemoveAll(u => !u.IsKernel);
        return Record("upgrade-all-except-kernel", dryRun, changes);
    }

    public Task<PackageChange> RemoveAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken) =>
        Record($"remove {string.Join(',', packages)}", dryRun, packages.Select(p => new PackageVersionChange(p, "1", null)));

    public Task<PackageChange> CleanCacheAsync(bool dryRun, CancellationToken cancellationToken) =>
        Record("clean", dryRun, []);

    public Task<IReadOnlyList<CacheFile>> ListCleanableCacheFilesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CacheFile>>(Cleanable?.ToList() ?? Cache.ReclaimableFiles.Select(f => new CacheFile(f, 0)).ToList());

    /// <summary>Installed versions by name, for the undo calls.</summary>
    public Dictionary<string, string> Installed { get; } = [];

    /// <summary>Packages whose file cannot be kept, with the reason.</summary>
    public Dictionary<string, string> KeepFailures { get; } = [];

    public Task<string?> InstalledVersionAsync(PackageName package, CancellationToken cancellationToken) =>
        Task.FromResult(Installed.GetValueOrDefault(package.Value));

    public Task<KeptPackageFile> KeepPackageFileAsync(PackageName package, string version, string directory, CancellationToken cancellationToken)
    {
        Calls.Add($"keep {package} {version}");
        return Task.FromResult(KeepFailures.TryGetValue(package.Value, out var why)
            ? KeptPackageFile.Missing(package, version, why)
            : new KeptPackageFile(package, version, Path.Combine(directory, $"{package}_{version}.deb"), "kept"));
    }

    public Task<PackageChange> InstallFilesAsync(IReadOnlyList<string> packageFiles, bool asDependencies, bool dryRun, CancellationToken cancellationToken) =>
        Record($"install {string.Join(',', packageFiles)}", dryRun, []);

    /// <summary>When set, every dry run refuses with this output (as apt's does when a plan would remove something).</summary>
    public string? DryRunRefusal { get; set; }

    private Task<PackageChange> Record(string call, bool dryRun, IEnumerable<PackageVersionChange> changes)
    {
        Calls.Add((dryRun ? "dry " : "") + call);
        if (dryRun && DryRunRefusal is { } refusal)
            return Task.FromResult(new PackageChange(true, false, [], 0, refusal, TimeSpan.FromSeconds(1)));
        return Task.FromResult(new PackageChange(dryRun, true, changes.ToList(), 0, "", TimeSpan.FromSeconds(1)));
    }
}
