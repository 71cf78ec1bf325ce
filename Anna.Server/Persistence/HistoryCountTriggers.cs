namespace Anna.Server.Persistence;

/// <summary>
/// The triggers on <c>action_history</c> that keep <see cref="HistoryDailyCountRow"/> and
/// <see cref="HistorySubjectCountRow"/> right whoever writes the row (the store, the journal, retention,
/// a person with sqlite3). Created by the migration HistoryAtScale; named here for the model.
/// </summary>
internal static class HistoryCountTriggers
{
    public const string Inserted = "tr_action_history_counted";
    public const string Deleted = "tr_action_history_uncounted";
    public const string Updated = "tr_action_history_recounted";

    /// <summary>Unix milliseconds per UTC day: the daily counts' day is started_at / this.</summary>
    public const long DayMs = 86_400_000;
}
