namespace Anna.Core.Events;

public enum EngineEventKind
{
    IssueDetected,
    IssueResolved,
    ActionSuggested,
    ActionStarted,
    ActionSucceeded,
    ActionFailed,
    ConfigReloaded,
    ConfigRejected,
    WatchStateChanged,
}
