using Anna.Core.Policy;

namespace Anna.Dashboard.Editing;

/// <summary>
/// <c>[healing.schedule]</c> as the grid edits it: a preference for each of the 24 hours and each
/// of the 7 days. The schedule has no per-slot setting: a slot's openness follows from its hour and
/// its day, so these 31 choices are exactly the four lists, one for one, and every open or closed
/// cell the grid shows is computed by the engine's own <see cref="MaintenanceWindow"/>.
/// </summary>
public sealed class ScheduleDraft
{
    public const int HoursPerDay = 24;
    public const int DaysPerWeek = 7;

    // 1 January 2023 was a Sunday: day d of this week in UTC has DayOfWeek d and no DST shifts.
    private static readonly DateTimeOffset ReferenceSunday = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SlotPreference[] _hours = new SlotPreference[HoursPerDay];
    private readonly SlotPreference[] _days = new SlotPreference[DaysPerWeek];

    public static ScheduleDraft From(ScheduleOptions schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var draft = new ScheduleDraft();
        // A policy in force never has a value in both lists (the parser refuses it); values out of
        // range cannot be in force either. Guarded anyway: a draft must never throw on what it shows.
        Mark(draft._hours, schedule.PreferredHours, SlotPreference.Preferred);
        Mark(draft._hours, schedule.AvoidHours, SlotPreference.Avoid);
        Mark(draft._days, schedule.PreferredDays, SlotPreference.Preferred);
        Mark(draft._days, schedule.AvoidDays, SlotPreference.Avoid);
        return draft;
    }

    public SlotPreference Hour(int hour) => _hours[hour];

    public SlotPreference Day(int day) => _days[day];

    public void SetHour(int hour, SlotPreference preference) => _hours[hour] = preference;

    public void SetDay(int day, SlotPreference preference) => _days[day] = preference;

    /// <summary>neutral → preferred → avoid → neutral: one click per step, as the grid's headers do.</summary>
    public void CycleHour(int hour) => _hours[hour] = Next(_hours[hour]);

    public void CycleDay(int day) => _days[day] = Next(_days[day]);

    /// <summary>The schedule these choices make, lists in ascending order.</summary>
    public ScheduleOptions ToOptions() => new()
    {
        PreferredHours = Indexes(_hours, SlotPreference.Preferred),
        AvoidHours = Indexes(_hours, SlotPreference.Avoid),
        PreferredDays = Indexes(_days, SlotPreference.Preferred),
        AvoidDays = Indexes(_days, SlotPreference.Avoid),
    };

    /// <summary>
    /// Whether each slot [day, hour] (day 0 = Sunday) is open for non-urgent fixes, as the engine
    /// decides it: midnight-spanning windows belong to the day they start on, avoid beats prefer.
    /// </summary>
    public bool[,] OpenSlots()
    {
        var window = new MaintenanceWindow(ToOptions(), TimeZoneInfo.Utc);
        var open = new bool[DaysPerWeek, HoursPerDay];
        for (var day = 0; day < DaysPerWeek; day++)
        {
            for (var hour = 0; hour < HoursPerDay; hour++)
                open[day, hour] = window.IsOpen(ReferenceSunday.AddDays(day).AddHours(hour));
        }
        return open;
    }

    private static SlotPreference Next(SlotPreference preference) => preference switch
    {
        SlotPreference.Neutral => SlotPreference.Preferred,
        SlotPreference.Preferred => SlotPreference.Avoid,
        _ => SlotPreference.Neutral,
    };

    private static void Mark(SlotPreference[] slots, IReadOnlyList<int> values, SlotPreference preference)
    {
        foreach (var value in values)
        {
            if (value >= 0 && value < slots.Length)
                slots[value] = preference;
        }
    }

    private static List<int> Indexes(SlotPreference[] slots, SlotPreference preference) =>
        [.. Enumerable.Range(0, slots.Length).Where(i => slots[i] == preference)];
}
