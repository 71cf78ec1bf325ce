using Anna.Core.Breaker;

namespace Anna.Server.Persistence;

/// <summary>A row of <c>breakers</c>: the stored form of a <see cref="BreakerRecord"/>, one per subject.</summary>
public sealed class BreakerRow
{
    public required string Subject { get; set; }
    public BreakerState State { get; set; }
    /// <summary>The failure times still counting, as a JSON array of unix milliseconds.</summary>
    public required string Failures { get; set; }
    public DateTimeOffset? OpenedAt { get; set; }
    public int Trips { get; set; }
}
