namespace Anna.Core.Breaker;

/// <summary>
/// The breaker's answer for one subject: may an automatic heal run now, where both breakers
/// stand, and why — in words fit for the UI and the history.
/// </summary>
public sealed record BreakerCheck(bool Allowed, BreakerState SubjectState, BreakerState GlobalState, string Reason);
