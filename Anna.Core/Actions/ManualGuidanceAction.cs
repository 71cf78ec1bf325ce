using Anna.Core.Vocabulary;
using Anna.Core.Issues;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// What a person should do about a problem whose fix means changing filesystems, partitions or the
/// bootloader — today a filesystem that is critically full. Anna explains, never acts: the risk is
/// Critical, which policy never executes, and <see cref="ExecuteAsync"/> refuses even if asked.
/// </summary>
public sealed class ManualGuidanceAction : IHealingAction
{
    public string Name => "manual_guidance";

    public ActionCategory Category => ActionCategory.FilesystemModify;

    public ActionRisk Risk => ActionRisk.Critical;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.LowDisk && issue.Severity == IssueSeverity.Critical;

    public string Describe(Issue issue) => Guidance(issue);

    public Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken) =>
        Task.FromResult(CanHeal(issue)
            ? ActionResult.Ok($"Nothing runs; for a person to do: {Guidance(issue)}")
            : ActionResult.Fail($"{Name} has no guidance for {issue.Key}"));

    public Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken) =>
        Task.FromResult(ActionResult.Fail($"Anna never does this itself: {Guidance(issue)}"));

    /// <summary>Concrete steps for the issue, with the commands to find what takes the space.</summary>
    public static string Guidance(Issue issue)
    {
        if (issue.Kind != IssueKind.LowDisk)
            return $"no guidance for {issue.Key}";
        var mount = issue.Subject;
        var free = issue.Evidence.TryGetValue("free", out var f) ? $" ({f} free)" : "";
        var inodes = issue.Evidence.TryGetValue("inodes_used_percent", out var i) ? i : null;
        var inodeHint = inodes is not null && double.TryParse(inodes, System.Globalization.CultureInfo.InvariantCulture, out var pct) && pct >= 90
            ? $" Inodes are {inodes} % used: look for directories with many small files (`find {mount} -xdev -type f | cut -d/ -f2-3 | sort | uniq -c | sort -n | tail`)."
            : "";
        return $"{mount} is critically full{free}. Find what takes the space with `du -xh {mount} | sort -h | tail` " +
            $"and move data off {mount} or delete what is no longer needed, or extend the filesystem " +
            $"(grow the volume, e.g. `lvextend -r`, or move {mount} to a larger disk).{inodeHint}";
    }
}
