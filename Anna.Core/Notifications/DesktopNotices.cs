using Anna.Core.History;
using Anna.Core.Risk;
using Anna.Core.Sessions;
using Anna.Core.Vocabulary;

namespace Anna.Core.Notifications;

/// <summary>
/// What the desktop notifications say, in the roadmap's words:
/// <code>
/// Auto-healed 2 issues
///   • Restarted failed service: nginx
///   • Cleaned the package cache
/// System state: DEGRADED → HEALTHY
/// </code>
/// </summary>
public static class DesktopNotices
{
    public const string SessionKind = "session";
    public const string ApprovalKind = "approval";

    /// <summary>The notice of a finished session, or null when it ran nothing (what it only suggested or queued is told elsewhere).</summary>
    /// <param name="actions">The session's actions that ran, in the order they finished.</param>
    public static DesktopNotice? ForSession(long id, HealingSessionRecord session, IReadOnlyList<HistoryEntry> actions, string urgency)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0)
            return null;
        var healed = actions.Where(a => a.Outcome == ActionOutcome.Success).ToList();
        var issues = actions.Select(a => (a.IssueKind, a.Subject)).Distinct().Count();
        var healedIssues = healed.Select(a => (a.IssueKind, a.Subject)).Distinct().Count();
        var summary = healedIssues == issues
            ? $"Auto-healed {Count(issues, "issue")}"
            : $"Healed {healedIssues} of {Count(issues, "issue")}";
        var lines = actions.Select(a => "• " + Line(a)).ToList();
        if (session.StateAfter is { } after)
            lines.Add($"System state: {State(session.StateBefore)} → {State(after)}");
        return new DesktopNotice(id, SessionKind, summary, string.Join('\n', lines), urgency,
            session.FinishedAt ?? session.StartedAt, session.Id, [.. healed.Select(a => a.Id)], null);
    }

    /// <summary>The notice of an action waiting for a person.</summary>
    public static DesktopNotice ForApproval(long id, Guid approvalId, HistoryEntry entry, string what, string urgency)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new DesktopNotice(id, ApprovalKind, $"Approval needed: {what}",
            $"{EnumNames<ActionRisk>.ToName(entry.Risk)} risk — {entry.Reason}", urgency,
            entry.StartedAt, entry.SessionId, [], approvalId);
    }

    /// <summary>One action as a line: what it did, or that it failed and why (the first line of its detail).</summary>
    public static string Line(HistoryEntry action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Outcome != ActionOutcome.Success)
        {
            var why = action.Detail.Split('\n', 2)[0];
            return $"Could not {action.Action.Replace('_', ' ')} {action.Subject}" + (why.Length > 0 ? $": {Shorten(why)}" : "");
        }
        return action.Action switch
        {
            "restart_service" or "restart_critical_service" => $"Restarted failed service: {Unit(action.Subject)}",
            "clean_package_cache" => "Cleaned the package cache",
            "rotate_logs" => $"Rotated logs under {action.Subject}",
            "vacuum_journal" => "Vacuumed the systemd journal",
            "remove_orphan_packages" => "Removed orphaned packages",
            "update_packages" => "Installed package updates",
            _ => $"{action.Action.Replace('_', ' ')}: {action.Subject}",
        };
    }

    private static string Unit(string subject) =>
        subject.EndsWith(".service", StringComparison.Ordinal) ? subject[..^".service".Length] : subject;

    private static string State(SystemState state) => EnumNames<SystemState>.ToName(state).ToUpperInvariant();

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "…";
}
