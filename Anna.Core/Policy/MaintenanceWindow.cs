using System.Globalization;

namespace Anna.Core.Policy;

/// <summary>
/// When non-urgent heals may run, from <c>[healing.schedule]</c>. Construct it with the host's
/// zone (<see cref="TimeProvider.LocalTimeZone"/>); callers pass "now" from their <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>
/// The week is cut into hour slots in the window's zone: calendar day d (0 = Sunday), hour h.
/// A slot is open when all of these hold:
/// h is in preferred_hours (an empty list means every hour); h is not in avoid_hours;
/// the slot's <i>window day</i> is in preferred_days (empty means every day) and not in avoid_days;
/// and d itself is not in avoid_days. Avoid always beats preferred.
/// </para>
/// <para>
/// A window that wraps midnight belongs to the day it starts on. An hour h <i>continues</i>
/// the previous evening when h is in preferred_hours, every hour from h back to 0 is in
/// preferred_hours, and 23 is in preferred_hours; its window day is then the previous calendar
/// day, otherwise it is d. When every hour of the day is preferred, no hour continues (the run has
/// no start). So with preferred_hours 22..3 and preferred_days [6], Sat 22:00–Sun 03:59 is open
/// and Sun 22:00–Mon 03:59 is not. The calendar day still counts for avoid_days, because the
/// schedule promises that nothing runs on an avoided day: avoiding Monday cuts Sunday's window
/// at midnight.
/// </para>
/// <para>
/// Daylight saving time: slots are local clock hours. An hour whose start does not exist
/// (spring forward) is skipped; an hour that happens twice (fall back) is one slot that starts
/// at its first occurrence, so an open repeated hour stays open for both.
/// </para>
/// </remarks>
public sealed class MaintenanceWindow
{
    private const int HoursPerDay = 24;
    private const int DaysPerWeek = 7;

    // One week of slots holds every open slot; a second week covers the case where the only open
    // hours of the week fall into an hour skipped by spring forward. Cheap, and it always ends.
    private const int MaxSlotsToWalk = 2 * DaysPerWeek * HoursPerDay + HoursPerDay;

    // Whether a slot is open depends only on its calendar day of week and hour: [day, hour].
    private readonly bool[,] _open = new bool[DaysPerWeek, HoursPerDay];

    public MaintenanceWindow(ScheduleOptions schedule, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;

        var preferredHours = ToSet(schedule.PreferredHours, HoursPerDay, emptyMeansAll: true, nameof(schedule.PreferredHours));
        var avoidHours = ToSet(schedule.AvoidHours, HoursPerDay, emptyMeansAll: false, nameof(schedule.AvoidHours));
        var preferredDays = ToSet(schedule.PreferredDays, DaysPerWeek, emptyMeansAll: true, nameof(schedule.PreferredDays));
        var avoidDays = ToSet(schedule.AvoidDays, DaysPerWeek, emptyMeansAll: false, nameof(schedule.AvoidDays));
        var continues = ContinuesPreviousEvening(preferredHours);

        for (var day = 0; day < DaysPerWeek; day++)
        {
            for (var hour = 0; hour < HoursPerDay; hour++)
            {
                var windowDay = continues[hour] ? (day + DaysPerWeek - 1) % DaysPerWeek : day;
                var open = preferredHours[hour] && !avoidHours[hour]
                    && preferredDays[windowDay] && !avoidDays[windowDay] && !avoidDays[day];
                _open[day, hour] = open;
                IsEverOpen |= open;
                IsAlwaysOpen &= open;
            }
        }
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>False when the schedule leaves no hour of the week open; then non-urgent heals never run.</summary>
    public bool IsEverOpen { get; }

    /// <summary>True when every hour of the week is open.</summary>
    public bool IsAlwaysOpen { get; } = true;

    public bool IsOpen(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone);
        return _open[(int)local.DayOfWeek, local.Hour];
    }

    /// <summary>
    /// <paramref name="now"/> itself when the window is open; otherwise the start of the next open
    /// hour; null when no hour of the week is ever open.
    /// </summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now)
    {
        if (!IsEverOpen)
            return null;
        if (IsOpen(now))
            return now;
        foreach (var (local, start) in SlotsAfter(now))
        {
            if (_open[(int)local.DayOfWeek, local.Hour])
                return start;
        }
        return null;
    }

    /// <summary>When the open window closes; null when it is closed now or never closes.</summary>
    public DateTimeOffset? ClosesAt(DateTimeOffset now)
    {
        if (!IsOpen(now) || IsAlwaysOpen)
            return null;
        foreach (var (local, start) in SlotsAfter(now))
        {
            if (!_open[(int)local.DayOfWeek, local.Hour])
                return start;
        }
        return null;
    }

    /// <summary>The instant as day and clock time in the window's zone, e.g. "Sat 22:00".</summary>
    public string Describe(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("ddd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Why a non-urgent heal runs now or waits, in words for the log, the API and the dashboard.</summary>
    public string Explain(DateTimeOffset now)
    {
        if (!IsEverOpen)
            return "no maintenance window is ever open: check preferred_hours/avoid_hours and preferred_days/avoid_days";
        if (IsOpen(now))
        {
            return ClosesAt(now) is { } closes
                ? $"inside maintenance window (until {Describe(closes)})"
                : "inside maintenance window (always open)";
        }
        return NextOpening(now) is { } next
            ? $"outside maintenance window, next window {Describe(next)}"
            : "outside maintenance window, no opening found";
    }

    // Local clock hours after the one holding now, each with the instant it starts.
    private IEnumerable<(DateTime Local, DateTimeOffset Start)> SlotsAfter(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone).DateTime;
        var hour = new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0, DateTimeKind.Unspecified);
        for (var i = 1; i <= MaxSlotsToWalk; i++)
        {
            var slot = hour.AddHours(i);
            if (Zone.IsInvalidTime(slot))
                continue;
            yield return (slot, StartOf(slot));
        }
    }

    private DateTimeOffset StartOf(DateTime local)
    {
        // A repeated hour starts at its first occurrence, which carries the larger offset.
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static bool[] ContinuesPreviousEvening(bool[] preferredHours)
    {
        var continues = new bool[HoursPerDay];
        if (!preferredHours[HoursPerDay - 1] || preferredHours.All(p => p))
            return continues;
        for (var hour = 0; hour < HoursPerDay && preferredHours[hour]; hour++)
            continues[hour] = true;
        return continues;
    }

    private static bool[] ToSet(IReadOnlyList<int> values, int size, bool emptyMeansAll, string name)
    {
        var set = new bool[size];
        if (values.Count == 0)
        {
            Array.Fill(set, emptyMeansAll);
            return set;
        }
        foreach (var value in values)
        {
            if (value < 0 || value >= size)
                throw new ArgumentOutOfRangeException(name, value, $"must be between 0 and {size - 1}");
            set[value] = true;
        }
        return set;
    }
}
