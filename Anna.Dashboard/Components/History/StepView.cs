using Anna.Core.Linux;
using System.Globalization;
using Anna.Core.Rollback;

namespace Anna.Dashboard.Components.History;

/// <summary>
/// One rollback step as a person reads it: what was there before the action, what the action left,
/// and what undo would do. The journal keeps the pre-state (and, where the action filled it in, the
/// post-state) in the step itself.
/// </summary>
/// <param name="Kind">The step's stored name (stop_service, restore_file, …).</param>
public sealed record StepView(string Kind, string Before, string After, string Undo)
{
    public static StepView For(RollbackStep step) => step switch
    {
        StopServiceStep s => new("stop_service", $"{s.Unit} was not running", $"the action started {s.Unit}", s.Describe()),
        RestartServiceStep s => new("restart_service", $"{s.Unit} was active", $"the action stopped {s.Unit}", s.Describe()),
        RestoreFileStep s => new("restore_file", File(s.Before), AfterFile(s.Before.Path, s.AfterSha256), s.Describe()),
        RevertConfigStep s => new("revert_config", File(s.Before), AfterFile(s.Before.Path, s.AfterSha256), s.Describe()),
        ReinstallPackageStep s => new("reinstall_package",
            s.Version is null ? $"{s.Package} was not installed" : $"{s.Package} {s.Version}",
            s.TargetVersion is null ? $"{s.Package} removed" : $"{s.Package} {s.TargetVersion}",
            s.Describe()),
        RestoreQuarantinedStep s => new("restore_quarantined",
            $"{s.Files.Count} file(s), {ByteSize.Format(s.TotalBytes)}, in place: {Paths(s.Files.Select(f => f.OriginalPath))}",
            $"moved to quarantine: {Paths(s.Files.Select(f => f.QuarantinePath))}",
            s.Describe()),
        _ => new(step.GetType().Name, "—", "—", step.Describe()),
    };

    /// <summary>Undo runs the steps last recorded first; so does this list.</summary>
    public static IReadOnlyList<StepView> InUndoOrder(RollbackSnapshot snapshot) =>
        snapshot.Steps.Reverse().Select(For).ToList();

    private static string File(FileState before) => before.Existed
        ? string.Create(CultureInfo.InvariantCulture,
            $"{before.Path}: sha256 {before.Sha256 ?? "not hashed"}, {ByteSize.Format(before.Size)}, mode {Convert.ToString(before.Mode, 8).PadLeft(4, '0')}, owner {before.Uid}:{before.Gid}")
        : $"{before.Path} did not exist";

    private static string AfterFile(string path, string? afterSha256) =>
        afterSha256 is null ? $"{path}: post-state not recorded" : $"{path}: sha256 {afterSha256}";

    // A quarantine of thousands of files would drown the drawer; the first few say enough.
    private static string Paths(IEnumerable<string> paths)
    {
        const int shown = 3;
        var list = paths.ToList();
        var head = string.Join(", ", list.Take(shown));
        return list.Count > shown ? $"{head} and {list.Count - shown} more" : head;
    }
}
