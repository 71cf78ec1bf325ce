using Anna.Core.Linux.Packages;

namespace Anna.Core.Actions;

/// <summary>
/// One change a package action makes, as <see cref="PackagePipeline"/> runs it.
/// </summary>
/// <param name="What">How messages name it: "the update", "the removal".</param>
/// <param name="MinimumFreeBytes">Free space the package cache must have first; 0 when nothing is downloaded.</param>
/// <param name="RemovedAreDependencies">Packages it removes go back as dependencies on undo, not as chosen ones.</param>
/// <param name="Change">The change itself: with true a dry run that only says what would change.</param>
/// <param name="Verify">What became of it, read again from the package manager after the change.</param>
public sealed record PackageChangeRun(
    string What,
    long MinimumFreeBytes,
    bool RemovedAreDependencies,
    Func<bool, CancellationToken, Task<PackageChange>> Change,
    Func<PackageChange, CancellationToken, Task<ActionResult>> Verify);
