using Anna.Core.Policy;

namespace Anna.Server.Api;

/// <summary>[healing.schedule]'s four lists: hours 0–23, days 0–6 with 0 = Sunday.</summary>
public sealed record ScheduleDto(IReadOnlyList<int> PreferredHours, IReadOnlyList<int> AvoidHours, IReadOnlyList<int> PreferredDays, IReadOnlyList<int> AvoidDays)
{
    public static ScheduleDto Of(ScheduleOptions s) => new(s.PreferredHours, s.AvoidHours, s.PreferredDays, s.AvoidDays);
}
