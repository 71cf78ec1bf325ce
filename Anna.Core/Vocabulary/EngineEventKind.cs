namespace Anna.Core.Vocabulary;

public enum EngineEventKind
{
    IssueDetected,
    IssueResolved,
    ActionSuggested,
    ApprovalRequested,
    ApprovalDecided,
    BreakerTripped,
    SessionFinished,
    ActionStarted,
    ActionSucceeded,
    ActionFailed,
    ConfigReloaded,
    ConfigRejected,
    WatchStateChanged,
    /// <summary>A person undid an action (the event's entry is the undo's own history row).</summary>
    ActionUndone,
    /// <summary>An action cut off when Anna stopped was finished at start-up (the entry says how).</summary>
    ActionRecovered,
}
