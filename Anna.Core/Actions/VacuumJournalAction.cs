using Anna.Core.Issues;
using Anna.Core.Linux.FileSystem;
using Anna.Core.Linux.Journal;
using Anna.Core.Policy;
using Anna.Core.Probes;
using Anna.Core.Risk;
using Anna.Core.Rollback;

namespace Anna.Core.Actions;

/// <summary>
/// Shrinks the systemd journal to journal_max_mb with <c>journalctl --vacuum-size</c>. Safe:
/// journald's own retention mechanism, removing only archived (closed) journal files, oldest first.
/// </summary>
public sealed class VacuumJournalAction(IHealingConfig config, JournalControl journal) : IHealingAction
{
    public string Name => "vacuum_journal";

    public ActionCategory Category => ActionCategory.LogRotation;

    public ActionRisk Risk => ActionRisk.Safe;

    public bool CanHeal(Issue issue) => issue.Kind == IssueKind.LogSize && issue.Subject == LogsProbe.JournalSubject;

    public string Describe(Issue issue) =>
        $"Remove the oldest archived journal files until the journal takes at most {ByteSize.Format(TargetBytes)} (journalctl --vacuum-size={config.Current.Probes.Logs.JournalMaxMegabytes}M)";

    private long TargetBytes => (long)config.Current.Probes.Logs.JournalMaxMegabytes << 20;

    public async Task<ActionResult> DryRunAsync(Issue issue, CancellationToken cancellationToken)
    {
        if (!CanHeal(issue))
            return ActionResult.Fail($"{Name} handles the journal, not {issue.Key}");
        var usage = await journal.DiskUsageAsync(cancellationToken);
        if (usage.Bytes is not { } bytes)
            return ActionResult.Fail($"cannot vacuum the journal: {usage.Unavailable}");
        return bytes <= TargetBytes
            ? ActionResult.Ok($"Nothing to do: the journal takes {ByteSize.Format(bytes)}, within the {ByteSize.Format(TargetBytes)} target")
            : ActionResult.Ok($"Would run journalctl --vacuum-size={config.Current.Probes.Logs.JournalMaxMegabytes}M: the journal takes {ByteSize.Format(bytes)}, " +
                $"target {ByteSize.Format(TargetBytes)}; up to {ByteSize.Format(bytes - TargetBytes)} of archived journal files would be removed");
    }

    public async Task<ActionResult> ExecuteAsync(Issue issue, ActionScope scope, CancellationToken cancellationToken)
    {
        if (!CanHeal(issue))
            return ActionResult.Fail($"{Name} handles the journal, not {issue.Key}");
        var before = await journal.DiskUsageAsync(cancellationToken);
        if (before.Bytes is not { } beforeBytes)
            return ActionResult.Fail($"cannot vacuum the journal: {before.Unavailable}");
        var target = TargetBytes;
        var (succeeded, detail) = await journal.VacuumAsync(target, cancellationToken);
        if (!succeeded)
            return ActionResult.Fail(detail);
        var after = await journal.DiskUsageAsync(cancellationToken);
        var afterBytes = after.Bytes ?? beforeBytes;
        var summary = $"Journal {ByteSize.Format(beforeBytes)} → {ByteSize.Format(afterBytes)} (target {ByteSize.Format(target)}); {detail}";
        if (afterBytes <= target || afterBytes < beforeBytes)
            return ActionResult.Ok(summary);
        // Only archived files can be vacuumed; what is left is the active journal.
        return ActionResult.Fail($"{summary}. Nothing archived was left to remove: lower SystemMaxUse= in journald.conf or rotate the journal first (journalctl --rotate)");
    }
}
