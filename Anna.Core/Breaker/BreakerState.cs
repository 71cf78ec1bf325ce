namespace Anna.Core.Breaker;

/// <summary>The circuit breaker's position for one subject (or for all healing).</summary>
public enum BreakerState
{
    /// <summary>Healing runs normally.</summary>
    Closed,
    /// <summary>Too many failures in the window: no automatic healing until the window passes or a person resets it.</summary>
    Open,
    /// <summary>The window passed: one try is allowed; its outcome closes or re-opens the breaker.</summary>
    HalfOpen,
}
