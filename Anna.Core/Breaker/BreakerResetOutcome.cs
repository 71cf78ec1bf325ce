namespace Anna.Core.Breaker;

/// <summary>What became of a person's request to reset a circuit breaker, the same from every door.</summary>
public enum BreakerResetOutcome
{
    /// <summary>The breaker is closed and its failures cleared (or it was closed with none already).</summary>
    Reset,

    /// <summary>The subject is not 1–255 printable characters.</summary>
    InvalidSubject,

    /// <summary>No breaker has ever been kept for the subject; nothing was changed.</summary>
    NoSuchBreaker,
}
