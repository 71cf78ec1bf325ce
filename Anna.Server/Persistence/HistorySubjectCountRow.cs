namespace Anna.Server.Persistence;

/// <summary>
/// A row of <c>history_subject_counts</c>: how many <c>action_history</c> rows name one subject. Kept
/// by triggers on <c>action_history</c>. A host has a few thousand subjects at most (units, mounts),
/// so "subject contains …" is first matched against these rows: the total is their sum, and a rare
/// subject's rows are then found through the subject index instead of a walk over all history.
/// </summary>
public sealed class HistorySubjectCountRow
{
    public required string Subject { get; set; }
    public long Count { get; set; }
}
