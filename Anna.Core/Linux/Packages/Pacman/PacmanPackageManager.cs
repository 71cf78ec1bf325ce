using System.Diagnostics;
using Anna.Core.Linux.Processes;

namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>
/// Arch's packages through <c>pacman</c>, always with argument lists and explicit root, database,
/// cache and configuration paths. Dry runs use pacman's own <c>--print</c>, which resolves the
/// transaction without taking the lock or changing anything; real runs refuse while pacman's lock
/// exists and report what changed by comparing the installed versions before and after.
/// </summary>
public sealed class PacmanPackageManager : IPackageManager
{
    private const string PrintFormat = "%n %v";

    private readonly PacmanOptions options;
    private readonly ProcessRunner runner;

    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public PacmanPackageManager(PacmanOptions options, ProcessRunner runner)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException("invalid pacman options: " + string.Join("; ", errors), nameof(options));
        this.options = options;
        this.runner = runner;
    }

    public string Name => "pacman";

    public PacmanOptions Options => options;

    /// <summary>
    /// Downloads fresh sync databases (<c>pacman -Sy</c>). Network-bound, so never part of a scan:
    /// <see cref="ListUpgradableAsync"/> reads whatever the last refresh left.
    /// </summary>
    /// <exception cref="PacmanException">The lock is held or pacman failed.</exception>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var held = await LockStatusAsync(cancellationToken);
        if (held.Held)
            throw new PacmanException($"not refreshing the databases: {held.Detail}");
        var result = await RunAsync(["-Sy", "--noconfirm", "--noprogressbar"], [], options.TransactionTimeout, cancellationToken);
        if (!result.Succeeded)
            throw Failure("-Sy", result);
    }

    public async Task<IReadOnlyList<PackageUpdate>> ListUpgradableAsync(CancellationToken cancellationToken)
    {
        var result = await QueryAsync(["-Qu"], [], cancellationToken);
        return PacmanOutput.ParseUpgradable(result.StandardOutput);
    }

    public async Task<IReadOnlyList<InstalledPackage>> ListOrphansAsync(CancellationToken cancellationToken)
    {
        var result = await QueryAsync(["-Qdtq"], [], cancellationToken);
        var names = PacmanOutput.ParseNames(result.StandardOutput);
        return names.Count == 0 ? [] : await InfoAsync(names, cancellationToken);
    }

    public Task<CacheUsage> CacheUsageAsync(CancellationToken cancellationToken) =>
        Task.FromResult(PacmanCache.Scan(options.CacheDir, options.KeepVersions));

    public Task<IReadOnlyList<CacheFile>> ListCleanableCacheFilesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(PacmanCache.Cleanable(options.CacheDir, options.KeepVersions));

    public Task<PackageManagerLock> LockStatusAsync(CancellationToken cancellationToken)
    {
        var lockFile = new FileInfo(options.LockFile);
        return Task.FromResult(lockFile.Exists
            ? new PackageManagerLock(true,
                $"pacman's database lock {lockFile.FullName} exists (since {lockFile.LastWriteTimeUtc:u}): " +
                "a pacman transaction is running, or an interrupted one left the lock behind")
            : PackageManagerLock.Free);
    }

    /// <summary>
    /// True when a kernel package is installed but the running kernel's modules directory is gone:
    /// pacman replaced that kernel, and loading a module would fail until a reboot.
    /// </summary>
    public async Task<bool> RebootRequiredAsync(CancellationToken cancellationToken)
    {
        var release = File.Exists(options.KernelReleaseFile) ? (await File.ReadAllTextAsync(options.KernelReleaseFile, cancellationToken)).Trim() : "";
        if (release.Length == 0 || release.Contains('/') || release is "." or "..")
            return false;
        // A container or a host booting a kernel pacman does not manage has nothing to compare.
        var kernels = await RunAsync(["-Q"], [.. PacmanKernel.Packages.Select(PackageName.Parse)], options.QueryTimeout, cancellationToken);
        if (PacmanOutput.ParseNameVersions(kernels.StandardOutput).Count == 0)
            return false;
        return !Directory.Exists(Path.Combine(options.ModulesDir, release));
    }

    public Task<PackageChange> UpgradeAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken) =>
        packages.Count == 0
            ? Task.FromResult(NothingToDo(dryRun))
            : dryRun
                ? PreviewAsync(["-S", "--needed"], packages, removing: false, cancellationToken)
                : TransactionAsync(["-S", "--needed"], packages, cancellationToken);

    public Task<PackageChange> UpgradeAllExceptKernelAsync(bool dryRun, CancellationToken cancellationToken)
    {
        string[] operation = ["-Su", "--ignore", string.Join(',', PacmanKernel.Ignored)];
        return dryRun
            ? PreviewAsync(operation, [], removing: false, cancellationToken)
            : TransactionAsync(operation, [], cancellationToken);
    }

    public async Task<PackageChange> RemoveAsync(IReadOnlyList<PackageName> packages, bool dryRun, CancellationToken cancellationToken)
    {
        if (packages.Count == 0)
            return NothingToDo(dryRun);
        var held = await LockStatusAsync(cancellationToken);
        if (!dryRun && held.Held)
            return Refused(held, Stopwatch.StartNew());
        // The sizes of what goes are only known before it goes: a real removal is previewed first.
        // pacman 6.0 rejects --nosave together with --print; what is removed does not depend on it.
        var preview = await PreviewAsync(["-Rs"], packages, removing: true, cancellationToken);
        if (!preview.Succeeded)
            return dryRun ? preview : preview with { DryRun = false, Packages = [], OutputExcerpt = "nothing was removed: " + preview.OutputExcerpt };
        var sizes = preview.Packages.Count == 0
            ? []
            : (await InfoAsync([.. preview.Packages.Select(p => p.Name)], cancellationToken)).ToDictionary(p => p.Name, p => p.InstalledBytes ?? 0);
        if (dryRun)
            return preview with { BytesFreed = preview.Packages.Sum(p => sizes.GetValueOrDefault(p.Name)) };

        var change = await TransactionAsync(["-Rns"], packages, cancellationToken);
        return change with { BytesFreed = change.Packages.Where(p => p.NewVersion is null).Sum(p => sizes.GetValueOrDefault(p.Name)) };
    }

    public async Task<PackageChange> CleanCacheAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var usage = PacmanCache.Scan(options.CacheDir, options.KeepVersions);
        if (dryRun)
            return new PackageChange(true, true, [], usage.ReclaimableBytes, FileList(usage.ReclaimableFiles), clock.Elapsed);

        var held = await LockStatusAsync(cancellationToken);
        if (held.Held)
            return Refused(held, clock);
        var freed = 0L;
        var problems = new List<string>();
        foreach (var path in usage.ReclaimableFiles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var file = new FileInfo(path);
                var bytes = file.Exists ? file.Length : 0;
                file.Delete();
                freed += bytes;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{path}: {e.Message}");
            }
        }
        var report = FileList(usage.ReclaimableFiles) + (problems.Count > 0 ? "\nnot removed:\n" + string.Join('\n', problems) : "");
        return new PackageChange(false, problems.Count == 0, [], freed, report, clock.Elapsed);
    }

    private async Task<PackageChange> PreviewAsync(IReadOnlyList<string> operation, IReadOnlyList<PackageName> targets, bool removing, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var installed = await InstalledAsync(cancellationToken);
        var result = await RunAsync([.. operation, "--print", "--print-format", PrintFormat], targets, options.QueryTimeout, cancellationToken);
        var changes = PacmanOutput.ParseNameVersions(result.StandardOutput)
            .Select(p => removing
                ? new PackageVersionChange(p.Name, p.Version, null)
                : new PackageVersionChange(p.Name, installed.GetValueOrDefault(p.Name), p.Version))
            .ToList();
        return new PackageChange(true, result.Succeeded, changes, 0, result.Excerpt(), clock.Elapsed);
    }

    private async Task<PackageChange> TransactionAsync(IReadOnlyList<string> operation, IReadOnlyList<PackageName> targets, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var held = await LockStatusAsync(cancellationToken);
        if (held.Held)
            return Refused(held, clock);
        var before = await InstalledAsync(cancellationToken);
        var result = await RunAsync([.. operation, "--noconfirm", "--noprogressbar"], targets, options.TransactionTimeout, cancellationToken);
        var after = await InstalledAsync(cancellationToken);
        return new PackageChange(false, result.Succeeded, InstalledDiff.Between(before, after), 0, result.Excerpt(), clock.Elapsed);
    }

    private async Task<IReadOnlyDictionary<PackageName, string>> InstalledAsync(CancellationToken cancellationToken)
    {
        var result = await QueryAsync(["-Q"], [], cancellationToken);
        return PacmanOutput.ParseNameVersions(result.StandardOutput).ToDictionary(p => p.Name, p => p.Version);
    }

    private async Task<IReadOnlyList<InstalledPackage>> InfoAsync(IReadOnlyList<PackageName> names, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(["-Qi"], names, cancellationToken);
        return PacmanOutput.ParseInfo(result.StandardOutput);
    }

    /// <summary>
    /// A read-only query. pacman exits 1 with no output when a query finds nothing (no updates,
    /// no orphans), possibly with warnings (a sync database never downloaded); that is an empty
    /// answer, anything else unsuccessful is an error.
    /// </summary>
    private async Task<ProcessResult> QueryAsync(IReadOnlyList<string> operation, IReadOnlyList<PackageName> targets, CancellationToken cancellationToken)
    {
        var result = await RunAsync(operation, targets, options.QueryTimeout, cancellationToken);
        var emptyAnswer = result is { ExitCode: 1, TimedOut: false } && result.StandardOutput.Trim().Length == 0 &&
            result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(l => l.StartsWith("warning:", StringComparison.Ordinal));
        if (!result.Succeeded && !emptyAnswer)
            throw Failure(operation[0], result);
        return result;
    }

    // Targets come last, after "--": even a name that slipped past validation is never read as an option.
    private Task<ProcessResult> RunAsync(IReadOnlyList<string> operation, IReadOnlyList<PackageName> targets, TimeSpan timeout, CancellationToken cancellationToken) =>
        runner.RunAsync(options.PacmanProgram,
            [
                .. operation,
                "--root", options.RootDir, "--dbpath", options.DbPath, "--cachedir", options.CacheDir, "--config", options.ConfigFile,
                .. targets.Count == 0 ? Array.Empty<string>() : ["--", .. targets.Select(n => n.Value)],
            ],
            timeout, cancellationToken);

    private static PacmanException Failure(string operation, ProcessResult result) =>
        new(result.TimedOut
            ? $"pacman {operation} did not finish in time"
            : $"pacman {operation} failed (exit {result.ExitCode}): {result.Excerpt(500)}");

    private static PackageChange NothingToDo(bool dryRun) => new(dryRun, true, [], 0, "no packages given: nothing to do", TimeSpan.Zero);

    private static PackageChange Refused(PackageManagerLock held, Stopwatch clock) =>
        new(false, false, [], 0, $"refused, nothing was changed: {held.Detail}", clock.Elapsed);

    private static string FileList(IReadOnlyList<string> files) =>
        files.Count == 0 ? "nothing to remove from the cache" : string.Join('\n', files);
}
