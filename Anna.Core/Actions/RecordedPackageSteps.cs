using Anna.Core.Linux.Packages;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>The undo steps a package action recorded before it ran, and what to tell about them.</summary>
/// <param name="Note">Where the package files were kept, and which could not be (undo then needs a repository).</param>
public sealed record RecordedPackageSteps(IReadOnlyList<ReinstallPackageStep> Steps, string Note)
{
    /// <summary>
    /// The note, plus the packages the real run changed that the dry run had not planned (the
    /// repositories moved in between): those have no undo step, and a person should know.
    /// </summary>
    public string NoteAfter(PackageChange change)
    {
        var planned = Steps.Select(s => s.Package).ToHashSet(StringComparer.Ordinal);
        var unplanned = change.Packages.Where(p => !planned.Contains(p.Name.Value)).Select(p => p.Name.Value).ToList();
        return unplanned.Count == 0 ? Note : $"{Note}\nchanged without an undo step (not in the plan): {string.Join(", ", unplanned)}";
    }

    public ActionResult AppendTo(ActionResult result, PackageChange change) => result with { Detail = $"{result.Detail}\n{NoteAfter(change)}" };
}
