namespace Anna.Core.Engine;

/// <summary>What became of one item of a person's heal request; <see cref="PlanItem.Result"/> says it in words.</summary>
public enum PlanOutcome
{
    /// <summary>Dry run: it would run.</summary>
    WouldRun,
    Started,
    /// <summary>Allowed, but a gate held it back (already running, budget, breaker).</summary>
    NotStarted,
    QueuedForApproval,
    AlreadyWaitingForApproval,
    /// <summary>Dry run: it would wait for a person's approval.</summary>
    NeedsApproval,
    /// <summary>Policy does not allow it now.</summary>
    Skipped,
}
