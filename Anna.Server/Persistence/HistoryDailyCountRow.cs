using Anna.Core.Vocabulary;

namespace Anna.Server.Persistence;

/// <summary>
/// A row of <c>history_daily_counts</c>: how many <c>action_history</c> rows one UTC day holds of one
/// issue type, action and outcome, how many of them no person approved and how long they took in all.
/// Kept by triggers on <c>action_history</c> (insert, delete, and an outcome, approver or duration that
/// changes when an action finishes), so a history total or a month's success rate is a sum over a few
/// hundred rows instead of a count over a million.
/// </summary>
public sealed class HistoryDailyCountRow
{
    /// <summary>Whole UTC days since the Unix epoch: started_at (Unix ms) / 86,400,000.</summary>
    public long Day { get; set; }
    public required string IssueType { get; set; }
    public required string Action { get; set; }
    public ActionOutcome Outcome { get; set; }
    public long Count { get; set; }

    /// <summary>Of <see cref="Count"/>, the rows whose approved_by is null.</summary>
    public long Automatic { get; set; }

    /// <summary>The rows' duration_ms added up.</summary>
    public long DurationMs { get; set; }
}
