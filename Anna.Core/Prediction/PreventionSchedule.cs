using System.Globalization;
using Anna.Core.Issues;
using Anna.Core.Policy;

namespace Anna.Core.Prediction;

/// <summary>
/// When the fix for a forecast crossing runs: in the <i>last</i> maintenance window that still
/// leaves <c>lead</c> before the crossing — late enough that the forecast has firmed up and nothing
/// is done for a trend that turns, early enough that the fix has taken effect (a cleanup's space
/// returns when its quarantine is purged, rollback_timeout later). When no window opens in time,
/// a safe fix runs now; any other waits for the next window like every non-urgent fix.
/// </summary>
public static class PreventionSchedule
{
    /// <summary>Beyond rollback_timeout, the margin a preventive fix keeps before the crossing.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromHours(1);

    // A forecast alerts at most a week ahead; a window walk needs no more.
    private static readonly TimeSpan Walk = TimeSpan.FromDays(8);

    /// <summary>The forecast crossing an issue carries (its "eta" evidence), or null for an issue that foresees nothing.</summary>
    public static DateTimeOffset? Crossing(Issue issue) =>
        issue.Kind is IssueKind.PredictedDiskFull or IssueKind.PredictedInodeExhaustion or IssueKind.PredictedMemoryExhaustion
        && issue.Evidence.TryGetValue("eta", out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var eta)
            ? eta
            : null;

    /// <summary>What the crossing is, for a reason: "/var fills", "memory runs short".</summary>
    public static string What(Issue issue) => issue.Kind switch
    {
        IssueKind.PredictedDiskFull => $"{issue.Subject} fills",
        IssueKind.PredictedInodeExhaustion => $"{issue.Subject} runs out of inodes",
        _ when issue.Subject.EndsWith(".service", StringComparison.Ordinal) => $"{issue.Subject} reaches its memory limit",
        _ => "memory runs short",
    };

    public static PreventionTime Plan(MaintenanceWindow window, DateTimeOffset now, DateTimeOffset crossing, TimeSpan lead, bool safe, string what)
    {
        ArgumentNullException.ThrowIfNull(window);
        var deadline = crossing - lead;
        var leadText = Hours(lead);
        var crossingText = window.Describe(crossing);
        if (window.IsAlwaysOpen)
            return new(now, false, $"now: the maintenance window is always open and {what} at {crossingText}");
        var last = LastOpening(window, now, deadline);
        if (last is { } at)
        {
            return at <= now
                ? new(now, false, $"now: this is the last maintenance window that leaves {leadText} before {what} ({crossingText})")
                : new(at, false, $"planned for {window.Describe(at)}, the last maintenance window that leaves {leadText} before {what} ({crossingText})");
        }
        var next = window.NextOpening(now);
        var nextText = next is { } n ? $"the next maintenance window ({window.Describe(n)})" : "any maintenance window";
        return safe
            ? new(now, true, $"now: {what} ({crossingText}) before {nextText} and the fix is safe")
            : new(next, false, $"{what} ({crossingText}) before {nextText}; the fix is not safe enough to run outside it");
    }

    /// <summary>The start of the last open stretch of the window that begins at or before <paramref name="deadline"/>.</summary>
    private static DateTimeOffset? LastOpening(MaintenanceWindow window, DateTimeOffset now, DateTimeOffset deadline)
    {
        DateTimeOffset? last = null;
        var from = now;
        while (from <= deadline && from - now < Walk && window.NextOpening(from) is { } opening && opening <= deadline)
        {
            last = opening;
            if (window.ClosesAt(opening) is not { } closes)
                break;
            from = closes;
        }
        return last;
    }

    private static string Hours(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h" : $"{(int)span.TotalMinutes} min";
}
