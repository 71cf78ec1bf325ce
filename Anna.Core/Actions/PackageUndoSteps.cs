using Anna.Core.Linux.Packages;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// What the package actions do before they run apt or pacman: for each package in the dry run's
/// plan, keep the package file of the version installed now in the action's backup directory
/// and record the <see cref="ReinstallPackageStep"/> that puts that version back — durably,
/// before the change. A package whose file cannot be kept still gets its step (undo then needs a
/// repository that still has the version), and the result says so.
/// </summary>
public static class PackageUndoSteps
{
    /// <param name="plan">The dry run's changes: old (installed now) → new (what the action installs) versions.</param>
    /// <param name="removedAreDependencies">The packages the plan removes were installed as dependencies (orphans).</param>
    public static async Task<RecordedPackageSteps> RecordAsync(IPackageManager packages, IReadOnlyList<PackageVersionChange> plan,
        bool removedAreDependencies, ActionScope scope, CancellationToken cancellationToken)
    {
        var directory = scope.Storage.BackupDirectory(scope.JournalId);
        var steps = new List<ReinstallPackageStep>();
        var kept = 0;
        var missing = new List<string>();
        // Undo runs the steps last-recorded first: packages the action adds are recorded first, so
        // their removal comes after every older version is back and nothing depends on them any more.
        // The rest follow the plan's order, so undo reinstalls in reverse — what apt removed last
        // (a dependency) comes back first.
        foreach (var change in plan.Where(c => c.OldVersion is null).Concat(plan.Where(c => c.OldVersion is not null)))
        {
            string? archive = null;
            if (change.OldVersion is { } version)
            {
                var file = await KeepAsync(packages, change.Name, version, directory, cancellationToken);
                if (file.Kept)
                {
                    archive = file.Path;
                    kept++;
                }
                else
                    missing.Add($"{change.Name} {version} ({file.Detail})");
            }
            var step = new ReinstallPackageStep(change.Name.Value, change.OldVersion, change.NewVersion, archive,
                AsDependency: removedAreDependencies && change.NewVersion is null);
            await scope.RecordAsync(step, cancellationToken);
            steps.Add(step);
        }
        var note = kept > 0 ? $"undo: kept {kept} package {(kept == 1 ? "file" : "files")} in {directory}" : "undo: no package file kept";
        if (missing.Count > 0)
            note += $"\nundo will need a repository that still has: {string.Join("; ", missing)}";
        return new RecordedPackageSteps(steps, note);
    }

    private static async Task<KeptPackageFile> KeepAsync(IPackageManager packages, PackageName name, string version, string directory, CancellationToken cancellationToken)
    {
        try
        {
            return await packages.KeepPackageFileAsync(name, version, directory, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PackageManagerException)
        {
            // The backup directory itself could not be made (a full or read-only data directory).
            return KeptPackageFile.Missing(name, version, e.Message);
        }
    }
}
