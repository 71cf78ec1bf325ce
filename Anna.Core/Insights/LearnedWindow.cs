using Anna.Core.Policy;

namespace Anna.Core.Insights;

/// <summary>
/// The maintenance window learned from how the machine was used: the busy and quiet hours of the
/// week with their evidence, and the <see cref="Schedule"/> that puts them into healing.toml's terms
/// (null when there is not enough to go on, <see cref="Reason"/> says what is missing).
/// </summary>
public sealed record LearnedWindow
{
    /// <summary>True when <see cref="Schedule"/> may be applied.</summary>
    public bool Ready => Schedule is not null;

    /// <summary>One sentence: what the proposal does, or why there is none.</summary>
    public required string Reason { get; init; }

    /// <summary>[healing.schedule] as learned; null when not ready. preferred_days is always empty (every day).</summary>
    public ScheduleOptions? Schedule { get; init; }

    /// <summary>Days between the first and the last hour the proposal stands on.</summary>
    public double DaysRecorded { get; init; }

    public IReadOnlyList<WeekSlot> BusySlots { get; init; } = [];

    public IReadOnlyList<WeekSlot> QuietSlots { get; init; } = [];

    /// <summary>Busy periods first, then the quiet ones that became preferred_hours.</summary>
    public IReadOnlyList<LearnedPeriod> Evidence { get; init; } = [];

    public static LearnedWindow NotReady(string reason, double daysRecorded = 0) => new() { Reason = reason, DaysRecorded = daysRecorded };
}
