using System.Globalization;
using Anna.Core.Policy;

namespace Anna.Core.Insights;

/// <summary>
/// Proposes a maintenance window from past hours of activity (<see cref="LearnedWindowRules"/> has the
/// thresholds and why). Pure: the hours come in, the proposal goes out.
/// <para>
/// Each hour of the week is busy when the machine was in use in at least two thirds of the weeks it
/// was seen, quiet when in at most a third of them, and undecided otherwise. healing.toml has no
/// setting per hour of the week, only hours for every day and whole days, so the busy hours are put
/// into it so that none of them stays open: a day busy for <see cref="LearnedWindowRules.WholeDayBusyHours"/>
/// hours or more goes into avoid_days, every other busy hour into avoid_hours (for every day — the
/// price of the file's shape, always on the side of waiting). preferred_hours are the hours quiet on
/// every day that is not avoided, so a fix that can wait runs when nobody has been there in weeks.
/// </para>
/// </summary>
public static class LearnedWindowLearner
{
    private const int HoursPerDay = 24;
    private const int DaysPerWeek = 7;

    // Monday first, as people read a week ("Mon–Fri"); the values are healing.toml's (0 = Sunday).
    private static readonly int[] ReadingOrder = [1, 2, 3, 4, 5, 6, 0];

    public static LearnedWindow Propose(IReadOnlyList<ActivityHour> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (hours.Count == 0)
            return LearnedWindow.NotReady($"No activity recorded yet; a proposal needs {LearnedWindowRules.MinDays} days of it.");
        var days = (hours.Max(h => h.Start) - hours.Min(h => h.Start) + TimeSpan.FromHours(1)).TotalDays;
        if (days < LearnedWindowRules.MinDays)
        {
            return LearnedWindow.NotReady(
                $"{Number(days)} days of activity recorded; a proposal needs {LearnedWindowRules.MinDays}: a weekly habit shows only when weeks can be compared.",
                days);
        }

        var seen = new int[DaysPerWeek, HoursPerDay];
        var inUse = new int[DaysPerWeek, HoursPerDay];
        var bySlot = hours.ToLookup(h => ((int)h.Day, h.Hour));
        var busy = new bool[DaysPerWeek, HoursPerDay];
        var quiet = new bool[DaysPerWeek, HoursPerDay];
        for (var d = 0; d < DaysPerWeek; d++)
        {
            for (var h = 0; h < HoursPerDay; h++)
            {
                var slot = bySlot[(d, h)].ToList();
                seen[d, h] = slot.Count;
                inUse[d, h] = slot.Count(x => x.InUse);
                if (slot.Count < LearnedWindowRules.MinWeeksPerSlot)
                    continue;
                busy[d, h] = inUse[d, h] >= LearnedWindowRules.BusyShare * slot.Count - 1e-9;
                quiet[d, h] = inUse[d, h] <= LearnedWindowRules.QuietShare * slot.Count + 1e-9;
            }
        }

        var avoidDays = Enumerable.Range(0, DaysPerWeek)
            .Where(d => Enumerable.Range(0, HoursPerDay).Count(h => busy[d, h]) >= LearnedWindowRules.WholeDayBusyHours).ToList();
        var otherDays = Enumerable.Range(0, DaysPerWeek).Except(avoidDays).ToList();
        var avoidHours = Enumerable.Range(0, HoursPerDay).Where(h => otherDays.Any(d => busy[d, h])).ToList();
        var preferred = Enumerable.Range(0, HoursPerDay)
            .Where(h => !avoidHours.Contains(h) && otherDays.Count > 0 && otherDays.All(d => quiet[d, h])).ToList();
        // Every hour quiet is the same as no preference, and the file says that with an empty list.
        var preferredHours = preferred.Count == HoursPerDay ? [] : preferred;
        var schedule = new ScheduleOptions
        {
            PreferredHours = preferredHours,
            AvoidHours = avoidHours,
            PreferredDays = [],
            AvoidDays = avoidDays,
        };

        var busySlots = Slots(busy);
        var evidence = BusyEvidence(hours, busy, avoidDays).Concat(QuietEvidence(hours, preferred, otherDays)).ToList();
        var window = new MaintenanceWindow(schedule, TimeZoneInfo.Utc);
        if (!window.IsEverOpen)
        {
            return LearnedWindow.NotReady("The machine was busy around the clock: no hour is quiet enough to propose for maintenance.", days)
                with { BusySlots = busySlots, QuietSlots = Slots(quiet), Evidence = evidence };
        }

        var reason = busySlots.Count == 0 && preferred.Count == 0
            ? $"No habit in {Number(days)} days: no hour was busy or quiet week after week, so nothing is avoided or preferred."
            : $"From {Number(days)} days of activity: {Describe(avoidHours, avoidDays, preferredHours, preferred.Count)}.";
        return new LearnedWindow
        {
            Reason = reason,
            Schedule = schedule,
            DaysRecorded = days,
            BusySlots = busySlots,
            QuietSlots = Slots(quiet),
            Evidence = evidence,
        };
    }

    private static string Describe(List<int> avoidHours, List<int> avoidDays, IReadOnlyList<int> preferredHours, int quietHours)
    {
        var parts = new List<string>();
        if (avoidDays.Count > 0)
            parts.Add($"avoid {string.Join(", ", ReadingOrder.Where(avoidDays.Contains).Select(DayName))}");
        if (avoidHours.Count > 0)
            parts.Add($"avoid {string.Join(", ", Runs(Mask(avoidHours)).Select(r => Range(r.From, r.To)))} every day");
        parts.Add(preferredHours.Count > 0
            ? $"prefer {string.Join(", ", Runs(Mask(preferredHours)).Select(r => Range(r.From, r.To)))}"
            : quietHours == HoursPerDay ? "every hour is quiet" : "no hour is quiet on every day, so any hour not avoided may be used");
        return string.Join("; ", parts);
    }

    private static IEnumerable<LearnedPeriod> BusyEvidence(IReadOnlyList<ActivityHour> hours, bool[,] busy, List<int> avoidDays)
    {
        foreach (var day in ReadingOrder.Where(avoidDays.Contains))
        {
            var mask = Enumerable.Range(0, HoursPerDay).Select(h => busy[day, h]).ToArray();
            yield return Period(hours, busy: true, [day], 0, 0, mask,
                $"{DayName(day)} avoided all day ({mask.Count(b => b)} of 24 hours busy)");
        }
        foreach (var (days, mask) in GroupDays(ReadingOrder.Where(d => !avoidDays.Contains(d)), d => Enumerable.Range(0, HoursPerDay).Select(h => busy[d, h]).ToArray()))
        {
            foreach (var run in Runs(mask))
                yield return Period(hours, busy: true, days, run.From, run.To, RunMask(run), $"{DayList(days)} {Range(run.From, run.To)} busy");
        }
    }

    private static IEnumerable<LearnedPeriod> QuietEvidence(IReadOnlyList<ActivityHour> hours, List<int> preferred, List<int> days)
    {
        if (preferred.Count == 0 || days.Count == 0)
            yield break;
        var ordered = ReadingOrder.Where(days.Contains).ToList();
        foreach (var run in Runs(Mask(preferred)))
            yield return Period(hours, busy: false, ordered, run.From, run.To, RunMask(run), $"{DayList(ordered)} {Range(run.From, run.To)} quiet");
    }

    private static LearnedPeriod Period(IReadOnlyList<ActivityHour> hours, bool busy, IReadOnlyList<int> days, int from, int to, bool[] mask, string what)
    {
        var covered = hours.Where(h => days.Contains((int)h.Day) && mask[h.Hour]).ToList();
        var sessions = Mean(covered.Select(h => h.Sessions));
        var cpu = Mean(covered.Select(h => h.CpuBusyPercent));
        var io = Mean(covered.Select(h => h.IoPressure));
        var figures = new List<string>();
        if (sessions is { } s)
            figures.Add($"{s.ToString("0.0", CultureInfo.InvariantCulture)} sessions");
        if (cpu is { } c)
            figures.Add($"{c.ToString("0", CultureInfo.InvariantCulture)} % CPU");
        if (io is { } i && (busy ? i >= LearnedWindowRules.InUsePressurePercent / 2 : false))
            figures.Add($"I/O stalled {i.ToString("0", CultureInfo.InvariantCulture)} %");
        var inUse = covered.Count(h => h.InUse);
        var text = figures.Count == 0
            ? $"{what}: in use {inUse} of {covered.Count} hours seen"
            : $"{what}: {string.Join(", ", figures)} on average (in use {inUse} of {covered.Count} hours seen)";
        return new LearnedPeriod(busy, [.. days], from, to, sessions, cpu, io, covered.Count, inUse, text);
    }

    /// <summary>Days with the same hours set, together (Mon–Fri with 09–17), each group once, in reading order.</summary>
    private static List<(List<int> Days, bool[] Mask)> GroupDays(IEnumerable<int> days, Func<int, bool[]> maskOf)
    {
        var groups = new List<(List<int> Days, bool[] Mask)>();
        foreach (var day in days)
        {
            var mask = maskOf(day);
            if (!mask.Any(b => b))
                continue;
            var group = groups.FindIndex(g => g.Mask.SequenceEqual(mask));
            if (group >= 0)
                groups[group].Days.Add(day);
            else
                groups.Add(([day], mask));
        }
        return groups;
    }

    /// <summary>Runs of set hours as [From, To) with wrap over midnight; the whole day is (0, 0).</summary>
    private static List<(int From, int To)> Runs(bool[] mask)
    {
        if (mask.All(b => b))
            return [(0, 0)];
        var runs = new List<(int From, int To)>();
        // Start scanning just after an unset hour, so a run over midnight comes out whole.
        var start = Array.IndexOf(mask, false);
        for (var i = 1; i <= HoursPerDay; i++)
        {
            var h = (start + i) % HoursPerDay;
            if (!mask[h])
                continue;
            if (runs.Count > 0 && runs[^1].To == h)
                runs[^1] = (runs[^1].From, (h + 1) % HoursPerDay);
            else
                runs.Add((h, (h + 1) % HoursPerDay));
        }
        return [.. runs.OrderBy(r => r.From)];
    }

    private static bool[] RunMask((int From, int To) run)
    {
        var mask = new bool[HoursPerDay];
        var h = run.From;
        do
        {
            mask[h] = true;
            h = (h + 1) % HoursPerDay;
        }
        while (h != run.To);
        return mask;
    }

    private static bool[] Mask(IEnumerable<int> hours)
    {
        var mask = new bool[HoursPerDay];
        foreach (var h in hours)
            mask[h] = true;
        return mask;
    }

    private static List<WeekSlot> Slots(bool[,] set)
    {
        var slots = new List<WeekSlot>();
        for (var d = 0; d < DaysPerWeek; d++)
        {
            for (var h = 0; h < HoursPerDay; h++)
            {
                if (set[d, h])
                    slots.Add(new WeekSlot(d, h));
            }
        }
        return slots;
    }

    private static double? Mean(IEnumerable<double?> values)
    {
        var list = values.OfType<double>().ToList();
        return list.Count == 0 ? null : list.Average();
    }

    private static string Range(int from, int to) => from == to ? "all day" : $"{from:00}:00–{(to == 0 ? 24 : to):00}:00";

    private static string DayName(int day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName((DayOfWeek)day);

    /// <summary>"Mon–Fri", "Tue, Thu", "every day", from days in reading order.</summary>
    private static string DayList(IReadOnlyList<int> days)
    {
        if (days.Count == DaysPerWeek)
            return "Every day";
        var positions = days.Select(d => Array.IndexOf(ReadingOrder, d)).Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < positions.Count;)
        {
            var j = i;
            while (j + 1 < positions.Count && positions[j + 1] == positions[j] + 1)
                j++;
            var first = DayName(ReadingOrder[positions[i]]);
            parts.Add(j - i >= 2 ? $"{first}–{DayName(ReadingOrder[positions[j]])}"
                : j == i ? first : $"{first}, {DayName(ReadingOrder[positions[j]])}");
            i = j + 1;
        }
        return string.Join(", ", parts);
    }

    private static string Number(double days) => days.ToString("0.#", CultureInfo.InvariantCulture);
}
