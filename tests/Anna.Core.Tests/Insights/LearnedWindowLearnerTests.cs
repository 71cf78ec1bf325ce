using Anna.Core.Insights;
using Anna.Core.Policy;

namespace Anna.Core.Tests.Insights;

/// <summary>The learning rules of maintenance windows over generated weeks of activity.</summary>
public sealed class LearnedWindowLearnerTests
{
    // A Monday, so week w, day d is Monday + 7w + d.
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private sealed record Use(double Sessions, double Cpu, double Io = 0);

    private static readonly Use Idle = new(0, 5);

    /// <summary>Every hour of <paramref name="days"/> days from Monday, its use given by <paramref name="use"/> (week, day of week, hour).</summary>
    private static List<ActivityHour> Generate(int days, Func<int, DayOfWeek, int, Use> use)
    {
        var hours = new List<ActivityHour>();
        for (var i = 0; i < days * 24; i++)
        {
            var start = Monday.AddHours(i);
            var u = use(i / (24 * 7), start.DayOfWeek, start.Hour);
            hours.Add(new ActivityHour(start.DayOfWeek, start.Hour, start) { Sessions = u.Sessions, CpuBusyPercent = u.Cpu, IoPressure = u.Io, LoadPerCpu = 0.1 });
        }
        return hours;
    }

    private static bool Weekday(DayOfWeek d) => d is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static int[] Hours(int from, int to) => [.. Enumerable.Range(from, to - from)];

    [Fact]
    public void No_data_proposes_nothing_and_says_how_much_is_needed()
    {
        var window = LearnedWindowLearner.Propose([]);

        Assert.False(window.Ready);
        Assert.Null(window.Schedule);
        Assert.Contains("14 days", window.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Less_than_two_weeks_is_not_enough_even_with_a_clear_pattern()
    {
        var window = LearnedWindowLearner.Propose(Generate(10, (_, d, h) => Weekday(d) && h is >= 9 and < 17 ? new Use(4, 60) : Idle));

        Assert.False(window.Ready);
        Assert.StartsWith("10 days of activity recorded", window.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_busy_day_is_an_outlier_not_a_habit()
    {
        // Four quiet weeks but for one Tuesday of overtime in the second.
        var window = LearnedWindowLearner.Propose(Generate(28, (w, d, h) => w == 1 && d == DayOfWeek.Tuesday && h is >= 9 and < 20 ? new Use(5, 90) : Idle));

        Assert.True(window.Ready);
        var schedule = window.Schedule!;
        Assert.Empty(window.BusySlots);
        Assert.Empty(schedule.AvoidHours);
        Assert.Empty(schedule.AvoidDays);
        Assert.Empty(schedule.PreferredHours); // every hour quiet: no preference needed
        Assert.Equal(168, window.QuietSlots.Count);
    }

    [Fact]
    public void A_weekday_office_pattern_avoids_office_hours_and_prefers_the_nights()
    {
        // Mon–Fri 09–17 four people working; 08:00 on Mondays in use every other week (undecided).
        var window = LearnedWindowLearner.Propose(Generate(28, (w, d, h) =>
            Weekday(d) && h is >= 9 and < 17 ? new Use(4, 60)
            : d == DayOfWeek.Monday && h == 8 && w % 2 == 0 ? new Use(1, 20)
            : Idle));

        Assert.True(window.Ready);
        var schedule = window.Schedule!;
        Assert.Equal(Hours(9, 17), schedule.AvoidHours);
        Assert.Empty(schedule.AvoidDays);
        Assert.Empty(schedule.PreferredDays);
        Assert.Equal([.. Hours(0, 8), .. Hours(17, 24)], schedule.PreferredHours);
        Assert.Equal(40, window.BusySlots.Count);
        var busy = window.Evidence.First();
        Assert.Equal("Mon–Fri 09:00–17:00 busy: 4.0 sessions, 60 % CPU on average (in use 160 of 160 hours seen)", busy.Text);
        Assert.Contains(window.Evidence, e => !e.Busy && e.Text.StartsWith("Every day 17:00–08:00 quiet", StringComparison.Ordinal));

        // The maintenance window the proposal makes: never in a busy hour, open in a quiet one.
        var gate = new MaintenanceWindow(schedule, TimeZoneInfo.Utc);
        var tuesday = Monday.AddDays(29);
        Assert.False(gate.IsOpen(tuesday.AddHours(10)));
        Assert.False(gate.IsOpen(tuesday.AddHours(8))); // undecided on Mondays, so not preferred on any day
        Assert.True(gate.IsOpen(tuesday.AddHours(20)));
        Assert.True(gate.IsOpen(tuesday.AddDays(4).AddHours(3))); // Saturday night
    }

    [Fact]
    public void A_night_shift_avoids_the_hours_over_midnight()
    {
        // Every night 22:00–06:00 two operators and a batch job stalling on I/O; days are quiet.
        var window = LearnedWindowLearner.Propose(Generate(21, (_, _, h) => h is >= 22 or < 6 ? new Use(2, 30, Io: 35) : Idle));

        var schedule = window.Schedule!;
        Assert.Equal([0, 1, 2, 3, 4, 5, 22, 23], schedule.AvoidHours);
        Assert.Empty(schedule.AvoidDays);
        Assert.Equal(Hours(6, 22), schedule.PreferredHours);
        var busy = Assert.Single(window.Evidence, e => e.Busy);
        Assert.Equal("Every day 22:00–06:00 busy: 2.0 sessions, 30 % CPU, I/O stalled 35 % on average (in use 168 of 168 hours seen)", busy.Text);
        Assert.Contains("avoid 22:00–06:00 every day; prefer 06:00–22:00", window.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_busy_around_the_clock_is_avoided_whole_instead_of_closing_every_day()
    {
        // Saturdays a 24-hour job; the rest of the week quiet.
        var window = LearnedWindowLearner.Propose(Generate(28, (_, d, _) => d == DayOfWeek.Saturday ? new Use(0, 95) : Idle));

        var schedule = window.Schedule!;
        Assert.Equal([6], schedule.AvoidDays);
        Assert.Empty(schedule.AvoidHours);
        Assert.StartsWith("Sat avoided all day (24 of 24 hours busy)", window.Evidence[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_busy_at_every_hour_gets_no_window()
    {
        var window = LearnedWindowLearner.Propose(Generate(14, (_, _, _) => new Use(3, 80)));

        Assert.False(window.Ready);
        Assert.Contains("busy around the clock", window.Reason, StringComparison.Ordinal);
        Assert.Equal(168, window.BusySlots.Count);
    }
}
