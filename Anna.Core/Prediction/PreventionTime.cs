namespace Anna.Core.Prediction;

/// <summary>When a preventive fix runs, and why then, in words for the issue, the API and the dashboard.</summary>
/// <param name="At">The instant it may start; now or earlier means it may run at once.</param>
/// <param name="Urgent">It cannot wait for a maintenance window: the crossing comes first and the fix is safe.</param>
/// <param name="Reason">"planned for Sat 22:00, the last maintenance window that leaves 2 h before /var fills (Sun 03:10)".</param>
public sealed record PreventionTime(DateTimeOffset? At, bool Urgent, string Reason)
{
    public bool Due(DateTimeOffset now) => Urgent || (At is { } at && at <= now);
}
