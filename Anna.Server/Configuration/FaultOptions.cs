using Anna.Core.Rollback;
using Anna.Core.Vocabulary;

namespace Anna.Server.Configuration;

/// <summary>
/// Host settings <c>Anna:Faults</c>: the fault-injection seam of crash tests. With
/// <see cref="HoldAt"/> set, every action stops at that point for <see cref="HoldSeconds"/>, so a
/// test can SIGKILL the process there. Off (empty) by default; never for production.
/// </summary>
public sealed class FaultOptions
{
    public const string Section = "Anna:Faults";

    public const int MaxHoldSeconds = 3600;

    /// <summary>A <see cref="FaultPoint"/>: intent_written, step_recorded, half_done or acted; empty is off.</summary>
    public string? HoldAt { get; set; }

    public int HoldSeconds { get; set; } = 60;

    public static IReadOnlyList<string> PointNames { get; } = Enum.GetValues<FaultPoint>().Select(EnumNames<FaultPoint>.ToName).ToList();

    /// <summary>The point to hold at; null when off. Call on validated options only.</summary>
    public FaultPoint? HoldPoint => string.IsNullOrWhiteSpace(HoldAt) ? null : EnumNames<FaultPoint>.Parse(HoldAt.Trim());
}
