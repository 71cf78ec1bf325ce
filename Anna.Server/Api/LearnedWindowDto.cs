using Anna.Core.Insights;
using Anna.Core.Policy;

namespace Anna.Server.Api;

/// <summary>
/// <c>GET /api/v1/schedule/learned</c>: the maintenance window learned from how the machine was used,
/// the schedule in force beside it, and whether Anna keeps it current by itself (<c>learn</c>).
/// </summary>
public sealed record LearnedWindowDto(
    bool Ready,
    string Reason,
    double DaysRecorded,
    int Weeks,
    bool Learn,
    bool Applied,
    ScheduleDto? Proposed,
    ScheduleDto Current,
    IReadOnlyList<string> Changes,
    IReadOnlyList<LearnedPeriodDto> Evidence,
    IReadOnlyList<WeekSlot> BusySlots,
    IReadOnlyList<WeekSlot> QuietSlots)
{
    public static LearnedWindowDto Of(LearnedWindow window, HealingOptions current)
    {
        var update = window.Schedule is { } proposed ? LearnedWindowUpdate.For(proposed, current) : PolicyUpdate.None;
        return new LearnedWindowDto(
            window.Ready, window.Reason, Math.Round(window.DaysRecorded, 1), LearnedWindowRules.Weeks, current.Schedule.Learn,
            window.Ready && update.IsEmpty,
            window.Schedule is { } s ? ScheduleDto.Of(s) : null,
            ScheduleDto.Of(current.Schedule),
            [.. update.Values.OrderBy(v => PolicySettings.All.ToList().IndexOf(v.Key)).Select(v => $"{v.Key.Name} = [{string.Join(", ", (IReadOnlyList<long>)v.Value)}]")],
            [.. window.Evidence.Select(e => new LearnedPeriodDto(e.Busy ? "busy" : "quiet", e.Days, e.FromHour, e.ToHour, e.Sessions, e.CpuBusyPercent, e.IoPressure, e.HoursSeen, e.HoursInUse, e.Text))],
            window.BusySlots,
            window.QuietSlots);
    }
}
