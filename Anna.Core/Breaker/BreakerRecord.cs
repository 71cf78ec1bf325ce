namespace Anna.Core.Breaker;

/// <summary>
/// The persisted state of one breaker. <see cref="Subject"/> is a unit name or other issue
/// subject, or <see cref="Global"/> for the breaker over all healing.
/// </summary>
/// <param name="Failures">Times of the failed heals that still count (within the failure window).</param>
/// <param name="OpenedAt">When the breaker last opened; null when it never did.</param>
/// <param name="Trips">How often this breaker has opened in total.</param>
public sealed record BreakerRecord(
    string Subject,
    BreakerState State,
    IReadOnlyList<DateTimeOffset> Failures,
    DateTimeOffset? OpenedAt,
    int Trips)
{
    public const string Global = "*";
}
