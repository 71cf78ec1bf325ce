using System.Globalization;
using Anna.Core.History;
using Anna.Core.Issues;
using Anna.Core.Linux;
using Anna.Core.Vocabulary;

namespace Anna.Core.Insights;

/// <summary>
/// The rules that turn recorded evidence into root causes. Each rule names a cause only when the
/// evidence is there (an OOM kill systemd reported, the same exit status more than once, a disk that
/// grew, an update that failed for room), says what would stop it and the command that does it.
/// </summary>
public static class RootCauses
{
    /// <summary>A disk is "filling" when its used bytes grew by at least this much over the period.</summary>
    public const long MinDiskGrowthBytes = 64L * 1024 * 1024;

    /// <summary>
    /// What package managers print when a disk is full, and the words of Anna's own pre-flight refusal.
    /// Their output is the only evidence of why an update failed, so it is read as text.
    /// </summary>
    public static readonly IReadOnlyList<string> NoSpaceMarkers =
        ["No space left on device", "don't have enough free space", "not enough free space", " is needed"];

    /// <summary>Whether an action's detail says the disk was full, in any of <see cref="NoSpaceMarkers"/>' words.</summary>
    public static bool SaysNoSpace(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return NoSpaceMarkers.Any(m => detail.Contains(m, StringComparison.OrdinalIgnoreCase));
    }

    public static IReadOnlyList<RootCause> Find(
        IReadOnlyList<HistoryEntry> history,
        IReadOnlyList<IssueRecord> issues,
        IReadOnlyList<DiskGrowth> diskGrowth,
        IReadOnlySet<ActionCategory> autoHeal)
    {
        var causes = new List<RootCause>();
        causes.AddRange(OomKills(history, issues));
        causes.AddRange(SameExitStatus(history, issues));
        if (DiskFilling(history, issues, diskGrowth, autoHeal) is { } disk)
            causes.Add(disk);
        if (UpdatesWithoutSpace(history, autoHeal) is { } updates)
            causes.Add(updates);
        causes.AddRange(ApprovedEveryTime(history, autoHeal));
        return causes;
    }

    public static IEnumerable<RootCause> OomKills(IReadOnlyList<HistoryEntry> history, IReadOnlyList<IssueRecord> issues)
    {
        var failedServiceIds = HistoryIdsBySubject(history, IssueKind.FailedService);
        foreach (var unit in FailedServices(issues).Where(i => i.Evidence.GetValueOrDefault("oom_killed") == "true").GroupBy(i => i.Subject).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var times = unit.Count();
            var latest = unit.MaxBy(i => i.LastSeen)!;
            var historyIds = failedServiceIds.GetValueOrDefault(unit.Key) ?? [];
            if (long.TryParse(latest.Evidence.GetValueOrDefault("memory_max_bytes"), NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0)
            {
                var limit = ByteSize.Format(max);
                var raised = $"{Math.Max(1, max * 2 / (1024 * 1024))}M";
                yield return new RootCause(RootCauseKind.OomKill, unit.Key,
                    $"{unit.Key} was killed by the kernel's OOM killer {Times(times)} at its limit MemoryMax={limit}",
                    $"Raise MemoryMax= of {unit.Key}: it was OOM-killed {Times(times)} at {limit}; or find why its memory grows (a leak is not cured by a higher limit)",
                    $"systemctl set-property {unit.Key} MemoryMax={raised}",
                    historyIds, [.. unit.Select(i => i.Id)]);
            }
            else
            {
                yield return new RootCause(RootCauseKind.OomKill, unit.Key,
                    $"{unit.Key} was killed by the kernel's OOM killer {Times(times)}: the machine ran out of memory",
                    $"Give the machine more memory or swap, or cap {unit.Key} with MemoryMax= so that it, not the whole machine, runs out",
                    $"systemctl set-property {unit.Key} MemoryMax=<bytes>",
                    historyIds, [.. unit.Select(i => i.Id)]);
            }
        }
    }

    public static IEnumerable<RootCause> SameExitStatus(IReadOnlyList<HistoryEntry> history, IReadOnlyList<IssueRecord> issues)
    {
        var repeated = FailedServices(issues)
            .Where(i => i.Evidence.GetValueOrDefault("oom_killed") != "true")
            .Where(i => i.Evidence.TryGetValue("exit_status", out var status) && status != "0")
            .GroupBy(i => (Unit: i.Subject, Status: i.Evidence["exit_status"], Result: i.Evidence.GetValueOrDefault("result") ?? ""))
            .Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Unit, StringComparer.Ordinal);
        // Once for all units, not once per unit: a month of history at scale is thousands of units and 10,000 rows.
        var failedServiceIds = HistoryIdsBySubject(history, IssueKind.FailedService);
        var restarts = history.Where(h => h.IssueKind == IssueKind.FailedService && h.Outcome == ActionOutcome.Success)
            .CountBy(h => h.Subject, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        foreach (var failure in repeated)
        {
            var (unit, status, result) = failure.Key;
            var historyIds = failedServiceIds.GetValueOrDefault(unit) ?? [];
            var restarted = restarts.GetValueOrDefault(unit);
            var how = result == "signal" ? $"killed by signal {status}" : $"with exit status {status}";
            var finding = $"{unit} failed {Times(failure.Count())}, each time {how}"
                + (restarted > 0 ? $"; restarting brought it back {Times(restarted)}, but it fails again" : "");
            yield return new RootCause(RootCauseKind.SameExitStatus, unit, finding,
                $"A restart does not remove the cause: read why {unit} exits {how} in its log and fix its configuration or what it depends on",
                UnitLogCommand(unit),
                historyIds, [.. failure.Select(i => i.Id)]);
        }
    }

    public static RootCause? DiskFilling(IReadOnlyList<HistoryEntry> history, IReadOnlyList<IssueRecord> issues,
        IReadOnlyList<DiskGrowth> growth, IReadOnlySet<ActionCategory> autoHeal)
    {
        var top = growth.Where(g => g.GrowthBytes >= MinDiskGrowthBytes).MaxBy(g => g.GrowthBytes);
        if (top is null)
            return null;
        var days = Math.Max((top.To - top.From).TotalDays, 1.0 / 24);
        var perDay = ByteSize.Format((long)(top.GrowthBytes / days));
        var finding = $"{top.MountPoint} grew by {ByteSize.Format((long)top.GrowthBytes)} ({ByteSize.Format((long)top.FromBytes)} → {ByteSize.Format((long)top.ToBytes)}), about {perDay} a day — the most of any disk";
        var lowDisk = issues.Where(i => i.Kind == IssueKind.LowDisk && i.Subject == top.MountPoint).Select(i => i.Id).ToList();
        var historyIds = HistoryIdsFor(history, IssueKind.LowDisk, top.MountPoint);
        var missing = new[] { ActionCategory.CacheCleanup, ActionCategory.LogRotation }.Where(c => !autoHeal.Contains(c)).ToList();
        return missing.Count > 0
            ? new RootCause(RootCauseKind.DiskFilling, top.MountPoint, finding,
                $"Let Anna clean package caches and rotate logs on its own ({string.Join(" and ", missing.Select(c => c.ToName()))} is not in auto_heal), and look at what grows",
                missing.Count == 1 ? $"annactl healing config --enable {missing[0].ToName()}" : "annactl healing config --auto-cleanup",
                historyIds, lowDisk)
            : new RootCause(RootCauseKind.DiskFilling, top.MountPoint, finding,
                $"Caches and logs are already cleaned on their own: find the directory that grows on {top.MountPoint} and move or limit it",
                $"du -xh --max-depth=2 {top.MountPoint}",
                historyIds, lowDisk);
    }

    public static RootCause? UpdatesWithoutSpace(IReadOnlyList<HistoryEntry> history, IReadOnlySet<ActionCategory> autoHeal)
    {
        var failed = history
            .Where(h => h.Category is ActionCategory.PackageUpdate or ActionCategory.KernelUpdate)
            .Where(h => h.Outcome is ActionOutcome.Failed or ActionOutcome.RolledBack or ActionOutcome.Deferred)
            .Where(h => SaysNoSpace(h.Detail))
            .OrderBy(h => h.Id)
            .ToList();
        if (failed.Count == 0)
            return null;
        var finding = $"{Times(failed.Count, "package update")} failed for lack of disk space";
        return autoHeal.Contains(ActionCategory.CacheCleanup)
            ? new RootCause(RootCauseKind.UpdateNoSpace, "packages", finding,
                "The package cache is already cleaned on its own: free space on the disk that holds /var/cache so updates can download",
                "du -xh --max-depth=2 /var",
                [.. failed.Select(h => h.Id)], [])
            : new RootCause(RootCauseKind.UpdateNoSpace, "packages", finding,
                "Let Anna clean the package cache on its own, so updates find room to download",
                "annactl healing config --enable cache_cleanup",
                [.. failed.Select(h => h.Id)], []);
    }

    /// <summary>A category is offered to run on its own after this many approvals in the period, none rejected.</summary>
    public const int ApprovalsForPreference = 5;

    /// <summary>
    /// Learned preferences: a kind of fix people approved every time — at least
    /// <see cref="ApprovalsForPreference"/> approvals and no rejection in the period — that is not yet in
    /// <c>auto_heal</c> is offered to run on its own, with the one command that does it. The policy's own
    /// limits still bind: a risk that requires approval keeps asking.
    /// </summary>
    public static IEnumerable<RootCause> ApprovedEveryTime(IReadOnlyList<HistoryEntry> history, IReadOnlySet<ActionCategory> autoHeal)
    {
        foreach (var category in history.Select(h => h.Category).Distinct().Where(c => !autoHeal.Contains(c)).Order())
        {
            var approved = history.Where(h => h.Category == category && h.ApprovedBy is not null
                && h.Outcome is ActionOutcome.Success or ActionOutcome.Failed or ActionOutcome.RolledBack).OrderBy(h => h.Id).ToList();
            var rejected = history.Count(h => h.Category == category && h.Outcome == ActionOutcome.Rejected);
            if (approved.Count < ApprovalsForPreference || rejected > 0)
                continue;
            var name = category.ToName();
            yield return new RootCause(RootCauseKind.ApprovedEveryTime, name,
                $"{name} fixes were approved every time they were asked for ({approved.Count} of {approved.Count}, none rejected)",
                $"Let Anna do {name} on its own? It would still ask for fixes whose risk require_approval names",
                $"annactl healing config --enable {name}",
                [.. approved.Select(h => h.Id)], []);
        }
    }

    /// <summary>The command that shows why a unit exits: its last 50 log lines.</summary>
    public static string UnitLogCommand(string unit) => $"journalctl -u {unit} -n 50 --no-pager";

    private static IEnumerable<IssueRecord> FailedServices(IReadOnlyList<IssueRecord> issues) =>
        issues.Where(i => i.Kind == IssueKind.FailedService);

    private static List<long> HistoryIdsFor(IReadOnlyList<HistoryEntry> history, string kind, string subject) =>
        [.. history.Where(h => h.IssueKind == kind && h.Subject == subject).Select(h => h.Id).Order()];

    /// <summary>The ids of each subject's history rows of one issue kind, in order.</summary>
    internal static Dictionary<string, List<long>> HistoryIdsBySubject(IReadOnlyList<HistoryEntry> history, string kind) =>
        history.Where(h => h.IssueKind == kind).GroupBy(h => h.Subject, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(h => h.Id).Order().ToList(), StringComparer.Ordinal);

    private static string Times(int n) => n == 1 ? "once" : $"{n} times";

    private static string Times(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
