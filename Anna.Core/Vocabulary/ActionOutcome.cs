namespace Anna.Core.Vocabulary;

/// <summary>How an action's story ended, as stored in history and labelled in metrics.</summary>
public enum ActionOutcome
{
    Success,
    Failed,
    /// <summary>Policy did not allow it to run; it was shown to the user.</summary>
    Suggested,
    /// <summary>Waiting in the approval queue.</summary>
    AwaitingApproval,
    /// <summary>A person rejected it; nothing was changed.</summary>
    Rejected,
    /// <summary>Allowed, but waiting for a maintenance window or the next session.</summary>
    Deferred,
    /// <summary>Ran as a dry run: reported what would change, changed nothing.</summary>
    DryRun,
    /// <summary>The intent is journaled and the action is running (or Anna stopped while it ran).</summary>
    InProgress,
    /// <summary>It failed, or was cut off by a crash, and Anna put the machine back as it was.</summary>
    RolledBack,
}
