namespace Anna.Core.Actions;

/// <summary>How an action's story ended, as stored in history and labelled in metrics.</summary>
public enum ActionOutcome
{
    Success,
    Failed,
    /// <summary>Policy did not allow it to run; it was shown to the user.</summary>
    Suggested,
    /// <summary>Waiting in the approval queue.</summary>
    AwaitingApproval,
    /// <summary>Ran as a dry run: reported what would change, changed nothing.</summary>
    DryRun,
}
