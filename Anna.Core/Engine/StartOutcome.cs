namespace Anna.Core.Engine;

/// <summary>Whether an allowed action started, and if not, which gate held it back.</summary>
public enum StartOutcome
{
    Started,
    /// <summary>The same issue is being healed right now; this request adds nothing.</summary>
    AlreadyRunning,
    /// <summary>The session's <c>max_actions_per_session</c> is spent.</summary>
    BudgetSpent,
    /// <summary>The circuit breaker of the subject (or the global one) is open.</summary>
    BreakerOpen,
}
