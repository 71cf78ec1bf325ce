using Anna.Core.Vocabulary;

namespace Anna.Server.Persistence;

/// <summary>
/// A row of <c>history_daily_counts</c>: how many <c>action_history</c> rows one UTC day holds of one
/// issue type, action and outcome. Kept by triggers on <c>action_history</c> (insert, delete, and an
/// outcome that changes when an action finishes), so a history total is a sum over a few hundred
/// rows instead of a count over a million.
/// </summary>
public sealed class HistoryDailyCountRow
{
    /// <summary>Whole UTC days since the Unix epoch: started_at (Unix ms) / 86,400,000.</summary>
    public long Day { get; set; }
    public required string IssueType { get; set; }
    public required string Action { get; set; }
    public ActionOutcome Outcome { get; set; }
    public long Count { get; set; }
}
