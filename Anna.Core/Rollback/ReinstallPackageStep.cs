namespace Anna.Core.Rollback;

/// <summary>
/// The action changes one package: undo installs the exact previous version again, from the
/// package file kept at <paramref name="ArchivePath"/> so a downgrade works offline.
/// </summary>
/// <param name="Version">The version installed before; null when the action installs a new package (undo removes it).</param>
/// <param name="TargetVersion">The version the action installs; null when the action removes the package.</param>
/// <param name="ArchivePath">The kept package file of <paramref name="Version"/>, when one could be kept.</param>
/// <param name="AsDependency">
/// The package was installed as a dependency (an orphan the action removed): undo installs it as
/// one again, so it is the orphan it was and not a package someone asked for.
/// </param>
public sealed record ReinstallPackageStep(string Package, string? Version, string? TargetVersion, string? ArchivePath, bool AsDependency = false) : RollbackStep
{
    public override string Describe() => Version is null
        ? $"remove {Package} (the action installed it)"
        : $"install {Package} {Version} again{(ArchivePath is null ? " (no kept package file: needs a repository that still has it)" : "")}";
}
