using Anna.Core.Vocabulary;
using Anna.Core.Linux;
using Anna.Core.Issues;
using Anna.Core.Linux.Journal;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// Shrinks the systemd journal to journal_max_mb as <c>journalctl --vacuum-size</c> would — only
/// archived (closed) journal files, oldest first, no more than needed — but moves them into
/// quarantine instead of deleting them. Safe: journald never writes to an archived file again, and
/// until rollback_timeout an undo puts them back (journalctl shows their entries again). The space
/// returns when the quarantine is purged, at once when the disk turns critical.
/// </summary>
/// <param name="storage">Where the quarantine is; lets the dry run say where the files would go.</param>
/// <param name="roots">The journal directories (each holding one directory per machine id).</param>
public sealed class VacuumJournalAction(
    IHealingConfig config,
    RollbackStorage? storage = null,
    IReadOnlyList<string>? roots = null,
    string machineIdPath = "/etc/machine-id") : IHealingAction
{
    private const int FilesListed = 20;

    private readonly IReadOnlyList<string> _roots = roots ?? JournalFiles.DefaultRoots;

    public string Name => "vacuum_journal";

    public ActionCategory Category => ActionCategory.LogRotation;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.LogSize && issue.Subject == LogsProbe.JournalSubject;

    public string Describe(Issue issue) =>
        $"Move the oldest archived journal files into quarantine until the journal takes at most {ByteSize.Format(TargetBytes)}";

    private long TargetBytes => (long)config.Current.Probes.Logs.JournalMaxMegabytes << 20;

    public async Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken)
    {
        var (plan, answer) = await PlanAsync(issue, cancellationToken);
        if (answer is not null)
            return answer;
        var paths = plan.Selected.Select(f => f.Path).ToList();
        var check = storage is null ? null : await Task.Run(() => Quarantine.Plan(storage, 0, paths), cancellationToken);
        var where = check is null || check.Files.Count == 0 ? "quarantine" : $"quarantine ({string.Join(", ", check.Roots)})";
        var refused = check?.Refused ?? [];
        return ActionResult.Ok(
            $"Would move {plan.Selected.Count - refused.Count} archived journal file(s) ({ByteSize.Format(plan.SelectedBytes)}), oldest first, into {where}: " +
            $"the journal takes {ByteSize.Format(plan.UsageBytes)}, target {ByteSize.Format(plan.TargetBytes)}, " +
            $"{ByteSize.Format(plan.RemainingBytes)} would be left{(plan.ReachesTarget ? "" : " (the rest is active files)")}: " +
            Listing(paths, refused));
    }

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        var (plan, answer) = await PlanAsync(issue, cancellationToken);
        if (answer is not null)
            return answer;

        var moved = await Quarantine.MoveAsync(scope, plan.Selected.Select(f => f.Path).ToList(), cancellationToken);
        var blocks = plan.Selected.ToDictionary(f => f.Path, f => f.AllocatedBytes, StringComparer.Ordinal);
        var movedBytes = moved.Moved.Sum(f => blocks.GetValueOrDefault(f.OriginalPath));
        var after = plan.UsageBytes - movedBytes;
        var summary = $"Journal {ByteSize.Format(plan.UsageBytes)} → {ByteSize.Format(after)} (target {ByteSize.Format(plan.TargetBytes)}): " +
            $"moved {moved.Moved.Count} archived journal file(s) ({ByteSize.Format(movedBytes)}), oldest first, into quarantine, pending purge " +
            "(undo puts them back until rollback_timeout; the disk space returns when they are purged): " +
            Listing(moved.Moved.Select(f => f.OriginalPath).ToList(), moved.Left);
        if (moved.Left.Count > 0)
            return ActionResult.Fail(summary);
        return after <= plan.TargetBytes ? ActionResult.Ok(summary) : ActionResult.Fail($"{summary}. {NothingArchived(plan)}");
    }

    /// <summary>The files to move; or, when there are none to move, the answer for both the dry run and the real run.</summary>
    private async Task<(JournalVacuumPlan Plan, ActionResult? Answer)> PlanAsync(Issue issue, CancellationToken cancellationToken)
    {
        if (!CanHeal(issue))
            return (JournalVacuumPlan.Empty, ActionResult.Fail($"{Name} handles the journal, not {issue.Key}"));
        var files = await Task.Run(() => JournalFiles.List(_roots, machineIdPath), cancellationToken);
        if (files.Count == 0)
            return (JournalVacuumPlan.Empty, ActionResult.Fail(NoJournal));
        var plan = JournalVacuumSelection.Select(files, TargetBytes);
        if (plan.Selected.Count == 0)
            return (plan, plan.ReachesTarget ? ActionResult.Ok(WithinTarget(plan)) : ActionResult.Fail(NothingArchived(plan)));
        return (plan, null);
    }

    private string NoJournal =>
        $"no journal files of this machine under {string.Join(" or ", _roots)} (journald is not running, or keeps its journal elsewhere)";

    private static string WithinTarget(JournalVacuumPlan plan) =>
        $"Nothing to do: the journal takes {ByteSize.Format(plan.UsageBytes)}, within the {ByteSize.Format(plan.TargetBytes)} target";

    // Only archived files can go; what is left is the active journal.
    private static string NothingArchived(JournalVacuumPlan plan) =>
        $"Nothing archived is left to move: the active journal files alone take {ByteSize.Format(plan.RemainingBytes)}; " +
        "lower SystemMaxUse= in journald.conf or rotate the journal first (journalctl --rotate)";

    private static string Listing(IReadOnlyList<string> paths, IReadOnlyList<QuarantineRefusal> left)
    {
        var lines = paths.Take(FilesListed).ToList();
        if (paths.Count > FilesListed)
            lines.Add($"… and {paths.Count - FilesListed} more");
        if (left.Count > 0)
            lines.Add($"{left.Count} file(s) left in place: {string.Join("; ", left.Take(FilesListed))}");
        return string.Join("; ", lines);
    }
}
