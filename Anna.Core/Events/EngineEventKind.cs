namespace Anna.Core.Events;

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
}
