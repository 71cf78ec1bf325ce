using Anna.Core.Linux.Packages;

namespace Anna.Core.Rollback;

/// <summary>
/// Undoes <see cref="ReinstallPackageStep"/> through the package manager: the version the action
/// replaced or removed is installed again from the kept package file (a downgrade that needs no
/// repository), and a package the action added is removed. Someone else's later change to the
/// package is drift, and undo leaves it alone: overwriting it with force is not offered.
/// </summary>
public sealed class PackageStepUndoer(IPackageManager packages, RollbackStorage storage) : IStepUndoer
{
    public bool Handles(RollbackStep step) => step is ReinstallPackageStep;

    public async Task<bool> IsAppliedAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        var package = Of(step);
        return await InstalledAsync(package, cancellationToken).ConfigureAwait(false) == package.TargetVersion;
    }

    public async Task<IReadOnlyList<Drift>> DriftAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        var package = Of(step);
        var installed = await InstalledAsync(package, cancellationToken).ConfigureAwait(false);
        if (installed == package.TargetVersion || installed == package.Version)
            return [];
        return [new Drift(package.Package,
            $"installed now: {Shown(installed)}; the action left {Shown(package.TargetVersion)}, and undo would put back {Shown(package.Version)}",
            FileOnly: false)];
    }

    public async Task<StepOutcome> UndoAsync(RollbackStep step, bool force, CancellationToken cancellationToken)
    {
        var package = Of(step);
        var name = PackageName.Parse(package.Package);
        var installed = await InstalledAsync(package, cancellationToken).ConfigureAwait(false);
        if (installed == package.Version)
            return Done(step, installed is null ? $"{name} is already not installed: left as it is" : $"{name} is already at {installed}: left as it is");
        // Only recovery after a crash passes force; then a package apt or pacman left half-way (or at
        // another version) is put back too. Otherwise someone else's version is not overwritten.
        if (installed != package.TargetVersion && installed is not null && !force)
            return Failed(step, $"{name} is at {installed} now, which is neither what the action left ({Shown(package.TargetVersion)}) nor what undo restores: left as it is");
        return package.Version is null
            ? await RemoveAsync(step, name, cancellationToken).ConfigureAwait(false)
            : await ReinstallAsync(step, package, name, cancellationToken).ConfigureAwait(false);
    }

    public Task ReleaseAsync(RollbackStep step, CancellationToken cancellationToken)
    {
        // A path that is not Anna's own is never deleted (the journal is not a way to name files).
        if (Of(step).ArchivePath is not { } archive || !IsKept(archive) || !Directory.Exists(Path.GetDirectoryName(archive)))
            return Task.CompletedTask; // not ours, or already released
        File.Delete(archive);
        File.Delete(archive + ".sig");
        var directory = Path.GetDirectoryName(archive)!;
        // The backup directory may hold other steps' backups: it goes only when it is empty.
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            Directory.Delete(directory);
        return Task.CompletedTask;
    }

    private async Task<StepOutcome> RemoveAsync(RollbackStep step, PackageName name, CancellationToken cancellationToken)
    {
        var change = await packages.RemoveAsync([name], dryRun: false, cancellationToken).ConfigureAwait(false);
        var now = await packages.InstalledVersionAsync(name, cancellationToken).ConfigureAwait(false);
        return change.Succeeded && now is null
            ? Done(step, $"removed {name}")
            : Failed(step, $"{name} is still installed: {Excerpt(change)}");
    }

    private async Task<StepOutcome> ReinstallAsync(RollbackStep step, ReinstallPackageStep package, PackageName name, CancellationToken cancellationToken)
    {
        var version = package.Version!;
        string? fetchedInto = null;
        var archive = package.ArchivePath;
        if (archive is not null && !IsKept(archive))
            return Failed(step, $"kept package file {archive} is not under Anna's data directory {storage.DataDirectory}: not used");
        try
        {
            if (archive is null || !File.Exists(archive))
            {
                // No kept file (it could not be kept, or was removed): fetch the version now, if a
                // repository (or the cache) still has it.
                fetchedInto = Path.Combine(storage.DataDirectory, "backups", $"undo-{Guid.NewGuid():N}");
                var fetched = await packages.KeepPackageFileAsync(name, version, fetchedInto, cancellationToken).ConfigureAwait(false);
                if (!fetched.Kept)
                    return Failed(step, $"no kept package file of {name} {version}{(archive is null ? "" : $" ({archive} is gone)")}, and it cannot be fetched: {fetched.Detail}");
                archive = fetched.Path!;
            }

            // The kept file must be exactly this package at this version, and installing it must change nothing else.
            var plan = await packages.InstallFilesAsync([archive], package.AsDependency, dryRun: true, cancellationToken).ConfigureAwait(false);
            var unexpected = plan.Packages.Where(p => p.Name != name || p.NewVersion != version).Select(p => $"{p.Name} {Shown(p.OldVersion)} → {Shown(p.NewVersion)}").ToList();
            if (!plan.Succeeded || unexpected.Count > 0 || plan.Packages.Count == 0)
                return Failed(step, unexpected.Count > 0
                    ? $"installing {archive} would also change {string.Join(", ", unexpected)}: nothing was changed"
                    : $"installing {archive} would not put {name} {version} back: {Excerpt(plan)}");
            var change = await packages.InstallFilesAsync([archive], package.AsDependency, dryRun: false, cancellationToken).ConfigureAwait(false);
            var now = await packages.InstalledVersionAsync(name, cancellationToken).ConfigureAwait(false);
            return change.Succeeded && now == version
                ? Done(step, $"installed {name} {version} from {(fetchedInto is null ? "the kept file" : "a fetched file")} {archive}")
                : Failed(step, $"{name} is {Shown(now)} after installing {archive}: {Excerpt(change)}");
        }
        finally
        {
            if (fetchedInto is not null && Directory.Exists(fetchedInto))
                Directory.Delete(fetchedInto, recursive: true);
        }
    }

    private async Task<string?> InstalledAsync(ReinstallPackageStep step, CancellationToken cancellationToken) =>
        await packages.InstalledVersionAsync(PackageName.Parse(step.Package), cancellationToken).ConfigureAwait(false);

    /// <summary>A kept file is Anna's own: an absolute, normalised path under its data directory.</summary>
    private bool IsKept(string archive)
    {
        var root = Path.TrimEndingDirectorySeparator(storage.DataDirectory) + Path.DirectorySeparatorChar;
        return Path.IsPathFullyQualified(archive) && Path.GetFullPath(archive) == archive && archive.StartsWith(root, StringComparison.Ordinal);
    }

    private static ReinstallPackageStep Of(RollbackStep step) =>
        step as ReinstallPackageStep ?? throw new ArgumentException($"not a package step: {step.GetType().Name}", nameof(step));

    private static string Shown(string? version) => version ?? "not installed";

    private static string Excerpt(PackageChange change) => change.OutputExcerpt.Length <= 500 ? change.OutputExcerpt : "…" + change.OutputExcerpt[^500..];

    private static StepOutcome Done(RollbackStep step, string detail) => new(step.Describe(), true, detail);

    private static StepOutcome Failed(RollbackStep step, string detail) => new(step.Describe(), false, detail);
}
