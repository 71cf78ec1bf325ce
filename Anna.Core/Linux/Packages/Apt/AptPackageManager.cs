using System.Diagnostics;
using System.Globalization;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// apt and dpkg on Debian and Ubuntu, driven with argument lists. Reads come from simulations
/// (<c>apt-get -s</c>) and dpkg-query; every real run first checks the dpkg/apt locks and
/// simulates, and refuses a plan that would do more than was asked (remove other packages,
/// slip a kernel into a non-kernel update).
/// </summary>
public sealed class AptPackageManager : IPackageManager
{
    /// <summary>Headroom kept free on the archives file system beyond the download itself.</summary>
    public const long DownloadHeadroomBytes = 64L * 1024 * 1024;

    private readonly AptOptions _options;
    private readonly AptCommand _apt;
    private readonly AptPackageKeeper _keeper;
    private readonly StampedAnswer<IReadOnlyList<PackageUpdate>> _upgradable = new();
    private readonly StampedAnswer<IReadOnlyList<InstalledPackage>> _orphans = new();

    public AptPackageManager(AptOptions options, ProcessRunner? runner = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
        _apt = new AptCommand(options, runner ?? new ProcessRunner());
        _keeper = new AptPackageKeeper(options, _apt);
    }

    public string Name => "apt";

    /// <summary>Where this apt looks: its cache, locks and extra options.</summary>
    public AptOptions Options => _options;

    public Task<IReadOnlyList<PackageUpdate>> ListUpgradableAsync(CancellationToken cancellationToken) =>
        _upgradable.GetAsync(AptStateStamp.Of(_options), () => SimulateUpgradableAsync(cancellationToken));

    public Task<IReadOnlyList<InstalledPackage>> ListOrphansAsync(CancellationToken cancellationToken) =>
        _orphans.GetAsync(AptStateStamp.Of(_options), () => SimulateOrphansAsync(cancellationToken));

    private async Task<IReadOnlyList<PackageUpdate>> SimulateUpgradableAsync(CancellationToken cancellationToken)
    {
        var result = await _apt.SimulateAsync(["dist-upgrade"], cancellationToken);
        AptCommand.EnsureSucceeded(result, "apt-get -s dist-upgrade");
        return AptSimulation.Parse(result.StandardOutput)
            .Where(c => c.OldVersion is not null && c.NewVersion is not null)
            .Select(c => new PackageUpdate(c.Name, c.OldVersion!, c.NewVersion!, AptKernelPackages.IsKernel(c.Name.Value)))
            .ToList();
    }

    private async Task<IReadOnlyList<InstalledPackage>> SimulateOrphansAsync(CancellationToken cancellationToken)
    {
        var result = await _apt.SimulateAsync(["autoremove"], cancellationToken);
        AptCommand.EnsureSucceeded(result, "apt-get -s autoremove");
        var removals = AptSimulation.Parse(result.StandardOutput).Where(c => c.NewVersion is null).ToList();
        if (removals.Count == 0)
            return [];
        var installed = await _apt.InstalledAsync(cancellationToken);
        return removals
            .Select(r => new InstalledPackage(r.Name, r.OldVersion ?? "", installed.GetValueOrDefault(r.Name.Value)?.InstalledBytes))
            .ToList();
    }

    public Task<CacheUsage> CacheUsageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(DebCache.Measure(_options.ArchivesDirectory));

    public Task<IReadOnlyList<CacheFile>> ListCleanableCacheFilesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(DebCache.Cleanable(_options.ArchivesDirectory));

    public Task<PackageManagerLock> LockStatusAsync(CancellationToken cancellationToken)
    {
        foreach (var file in _options.LockFiles)
        {
            if (FcntlLockQuery.Holder(file) is not { } pid)
                continue;
            var who = pid > 0 ? $"pid {pid} ({ProcessName(pid)})" : "another process";
            return Task.FromResult(new PackageManagerLock(true, $"dpkg lock held by {who}: {file}"));
        }
        return Task.FromResult(PackageManagerLock.Free);
    }

    public Task<bool> RebootRequiredAsync(CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(_options.RebootRequiredPath));

    public Task<PackageChange> UpgradeAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken) =>
        UpgradeAsync(packages, dryRun, allowKernel: true, cancellationToken);

    public async Task<PackageChange> UpgradeAllExceptKernelAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var updates = await ListUpgradableAsync(cancellationToken);
        return await UpgradeAsync(updates.Where(u => !u.IsKernel).Select(u => u.Name).ToList(), dryRun, allowKernel: false, cancellationToken);
    }

    public async Task<PackageChange> RemoveAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (packages.Count == 0)
            return Nothing(dryRun, "no packages to remove", clock);
        var requested = packages.Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var plan = await PlanAsync(["remove", .. Names(packages)], cancellationToken);
        var installed = await _apt.InstalledAsync(cancellationToken);
        var freed = plan.Where(c => c.NewVersion is null).Sum(c => installed.GetValueOrDefault(c.Name.Value)?.InstalledBytes ?? 0);
        var extra = plan.Where(c => !requested.Contains(c.Name.Value) || c.NewVersion is not null).Select(c => c.Name.Value).ToList();
        var refusal = extra.Count > 0 ? $"removing these packages would also change {string.Join(", ", extra)}" : null;
        return await CarryOutAsync(["remove", .. Names(packages)], plan, refusal, freed, dryRun, clock, cancellationToken);
    }

    public async Task<PackageChange> CleanCacheAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var before = DebCache.Measure(_options.ArchivesDirectory);
        var listing = $"{before.ReclaimableFiles.Count} files in {before.Directory}";
        if (dryRun)
            return new PackageChange(true, true, [], before.ReclaimableBytes, Listing(listing, before.ReclaimableFiles), clock.Elapsed);
        if (await LockStatusAsync(cancellationToken) is { Held: true } held)
            return Refused($"package manager is busy: {held.Detail}", clock);
        var result = await _apt.ChangeAsync(["clean"], cancellationToken);
        var after = DebCache.Measure(_options.ArchivesDirectory);
        return new PackageChange(false, result.Succeeded, [], Math.Max(0, before.TotalBytes - after.TotalBytes),
            Listing(listing, before.ReclaimableFiles) + "\n" + result.Excerpt(), clock.Elapsed);
    }

    public async Task<string?> InstalledVersionAsync(PackageName package, CancellationToken cancellationToken) =>
        (await _apt.InstalledAsync(cancellationToken)).GetValueOrDefault(package.Value)?.Version;

    public Task<KeptPackageFile> KeepPackageFileAsync(PackageName package, string version, string directory, CancellationToken cancellationToken) =>
        _keeper.KeepAsync(package, version, directory, cancellationToken);

    /// <summary>
    /// Installs .deb files with <c>apt-get install --allow-downgrades</c> rather than <c>dpkg -i</c>:
    /// apt simulates the plan first like every other change (so a plan that would remove something is
    /// refused before anything is unpacked), checks dependencies before it unpacks — dpkg -i would
    /// unpack and leave a package half-configured when one is missing — and runs dpkg under the same
    /// options, lock and non-interactive settings as every other change.
    /// </summary>
    public async Task<PackageChange> InstallFilesAsync(IReadOnlyList<string> packageFiles, bool asDependencies, bool dryRun, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (packageFiles.Count == 0)
            return Nothing(dryRun, "no package files to install", clock);
        PackageFiles.Validate(packageFiles, name => name.EndsWith(".deb", StringComparison.Ordinal));
        string[] command = ["install", "--allow-downgrades", "--no-install-recommends", .. packageFiles];
        var plan = await PlanAsync(command, cancellationToken);
        var removals = plan.Where(c => c.NewVersion is null).Select(c => c.Name.Value).ToList();
        var refusal = removals.Count > 0 ? $"installing these files would remove {string.Join(", ", removals)}" : null;
        return await CarryOutAsync(command, plan, refusal, 0, dryRun, clock, cancellationToken, newAsDependencies: asDependencies);
    }

    private async Task<PackageChange> UpgradeAsync(IReadOnlyList<PackageName> packages, bool dryRun, bool allowKernel, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (packages.Count == 0)
            return Nothing(dryRun, "no packages to upgrade", clock);
        string[] command = ["install", "--only-upgrade", "--no-install-recommends", .. Names(packages)];
        var plan = await PlanAsync(command, cancellationToken);
        var removals = plan.Where(c => c.NewVersion is null).Select(c => c.Name.Value).ToList();
        var kernels = plan.Where(c => AptKernelPackages.IsKernel(c.Name.Value)).Select(c => c.Name.Value).ToList();
        var refusal = removals.Count > 0 ? $"the upgrade would remove {string.Join(", ", removals)}"
            : !allowKernel && kernels.Count > 0 ? $"the upgrade would also change kernel packages {string.Join(", ", kernels)}"
            : dryRun ? null : await SpaceShortageAsync(command, cancellationToken);
        return await CarryOutAsync(command, plan, refusal, 0, dryRun, clock, cancellationToken);
    }

    /// <summary>The simulated plan for an apt-get command.</summary>
    private async Task<IReadOnlyList<PackageVersionChange>> PlanAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var result = await _apt.SimulateAsync(command, cancellationToken);
        AptCommand.EnsureSucceeded(result, $"apt-get -s {command[0]}");
        return AptSimulation.Parse(result.StandardOutput);
    }

    /// <summary>
    /// Reports the plan (dry run), or checks the lock and runs the command, reporting what dpkg's
    /// database says changed. apt marks every package named on an install command line as
    /// installed by hand, even one it only upgrades or downgrades; the marks of packages that stay
    /// are put back afterwards, so a dependency stays a dependency (and an orphan once nothing needs it).
    /// </summary>
    /// <param name="newAsDependencies">Mark packages new to the system as installed automatically.</param>
    private async Task<PackageChange> CarryOutAsync(IReadOnlyList<string> command, IReadOnlyList<PackageVersionChange> plan, string? refusal,
        long bytesFreed, bool dryRun, Stopwatch clock, CancellationToken cancellationToken, bool newAsDependencies = false)
    {
        if (refusal is not null)
            return new PackageChange(dryRun, false, dryRun ? plan : [], 0, (dryRun ? "would refuse: " : "refused: ") + refusal, clock.Elapsed);
        if (dryRun)
            return new PackageChange(true, true, plan, bytesFreed, $"would run: apt-get {string.Join(' ', command)}", clock.Elapsed);
        if (await LockStatusAsync(cancellationToken) is { Held: true } held)
            return Refused($"package manager is busy: {held.Detail}", clock);

        var before = await _apt.InstalledAsync(cancellationToken);
        var autoBefore = await _apt.AutoInstalledAsync(cancellationToken);
        var result = await _apt.ChangeAsync(command, cancellationToken);
        var after = await _apt.InstalledAsync(cancellationToken);
        var changes = DpkgStatus.Diff(before, after);
        var freed = changes.Where(c => c.NewVersion is null).Sum(c => before[c.Name.Value].InstalledBytes ?? 0);
        var marks = await RestoreAutoMarksAsync(changes, autoBefore, newAsDependencies, cancellationToken);
        // A mark that could not be put back is said, but does not undo a change that worked.
        return new PackageChange(false, result.Succeeded, changes, freed, result.Excerpt() + (marks is null ? "" : "\nwarning: " + marks), clock.Elapsed);
    }

    /// <summary>Marks as automatic again what apt made manual; null when that worked, otherwise what went wrong.</summary>
    private async Task<string?> RestoreAutoMarksAsync(IReadOnlyList<PackageVersionChange> changes, IReadOnlySet<string> autoBefore, bool newAsDependencies,
        CancellationToken cancellationToken)
    {
        try
        {
            var autoAfter = await _apt.AutoInstalledAsync(cancellationToken);
            var remark = changes
                .Where(c => c.NewVersion is not null && !autoAfter.Contains(c.Name.Value))
                .Where(c => c.OldVersion is null ? newAsDependencies : autoBefore.Contains(c.Name.Value))
                .Select(c => c.Name)
                .ToList();
            await _apt.MarkAutoAsync(remark, cancellationToken);
            return null;
        }
        catch (PackageManagerException e)
        {
            return $"could not put back which packages are installed as dependencies: {e.Message}";
        }
    }

    /// <summary>Why the archives file system cannot take this upgrade's downloads, or null when it can.</summary>
    private async Task<string?> SpaceShortageAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var uris = await _apt.QueryAsync(["-qq", "--print-uris", .. command], cancellationToken);
        AptCommand.EnsureSucceeded(uris, "apt-get --print-uris");
        // Lines look like: 'http://…/foo_1.0_amd64.deb' foo_1.0_amd64.deb 12345 SHA256:…
        var download = uris.StandardOutput.Split('\n')
            .Select(l => l.Split(' '))
            .Where(f => f.Length >= 3 && f[0].StartsWith('\''))
            .Sum(f => long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
        var free = FreeSpace.Available(_options.ArchivesDirectory);
        var needed = download + DownloadHeadroomBytes;
        return free < needed
            ? $"only {ByteSize.Format(free)} free for {_options.ArchivesDirectory}; the upgrade needs {ByteSize.Format(needed)}"
            : null;
    }

    private static IEnumerable<string> Names(IReadOnlyList<PackageName> packages) => packages.Select(p => p.Value);

    private static PackageChange Nothing(bool dryRun, string why, Stopwatch clock) => new(dryRun, true, [], 0, why, clock.Elapsed);

    private static PackageChange Refused(string why, Stopwatch clock) => new(false, false, [], 0, "refused: " + why, clock.Elapsed);

    private static string Listing(string header, IReadOnlyList<string> files) =>
        string.Join('\n', files.Take(50).Prepend(header)) + (files.Count > 50 ? $"\n… and {files.Count - 50} more" : "");

    private static string ProcessName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
