using Anna.Core.Policy;
using Microsoft.Extensions.Time.Testing;

namespace Anna.Core.Tests.Policy;

public sealed class MaintenanceWindowTests
{
    // Sunday 1 June 2025: a week with no DST anywhere in the zones used here.
    private static readonly DateTime Sunday = new(2025, 6, 1);

    private static readonly TimeZoneInfo India =
        TimeZoneInfo.CreateCustomTimeZone("Test/Plus0530", TimeSpan.FromMinutes(330), "UTC+05:30", "UTC+05:30");

    private static readonly ScheduleOptions Defaults = new();

    // Hours 22..3 (22:00–04:00) on Saturday only, nothing avoided.
    private static readonly ScheduleOptions SaturdayNight = new()
    {
        PreferredHours = [22, 23, 0, 1, 2, 3], AvoidHours = [], PreferredDays = [6], AvoidDays = [],
    };

    private static readonly ScheduleOptions EveryHour = new()
    {
        PreferredHours = [], AvoidHours = [], PreferredDays = [], AvoidDays = [],
    };

    /// <summary>Wall-clock time in the week of <see cref="Sunday"/> with the zone's offset.</summary>
    private static DateTimeOffset At(DayOfWeek day, int hour, int minute = 0, int second = 0, TimeZoneInfo? zone = null)
    {
        var local = Sunday.AddDays((int)day).AddHours(hour).AddMinutes(minute).AddSeconds(second);
        return new DateTimeOffset(local, (zone ?? TimeZoneInfo.Utc).GetUtcOffset(local));
    }

    private static MaintenanceWindow Utc(ScheduleOptions schedule) => new(schedule, TimeZoneInfo.Utc);

    [Theory]
    [InlineData(DayOfWeek.Saturday, 23, true)]    // Saturday's window
    [InlineData(DayOfWeek.Saturday, 22, true)]
    [InlineData(DayOfWeek.Sunday, 2, true)]       // tail of Saturday's window
    [InlineData(DayOfWeek.Sunday, 23, true)]      // Sunday's own window
    [InlineData(DayOfWeek.Monday, 2, true)]       // tail of Sunday's window: it belongs to Sunday
    [InlineData(DayOfWeek.Saturday, 10, false)]   // avoided and not preferred
    [InlineData(DayOfWeek.Saturday, 12, false)]   // not a preferred hour
    [InlineData(DayOfWeek.Wednesday, 23, false)]  // Wednesday is not a preferred day
    [InlineData(DayOfWeek.Saturday, 2, false)]    // tail of Friday's window: it belongs to Friday
    [InlineData(DayOfWeek.Tuesday, 2, false)]     // tail of Monday's window
    [InlineData(DayOfWeek.Monday, 4, false)]      // Sunday's window has closed
    public void Defaults_open_on_saturday_and_sunday_nights(DayOfWeek day, int hour, bool open)
    {
        Assert.Equal(open, Utc(Defaults).IsOpen(At(day, hour, 30)));
    }

    [Theory]
    [InlineData(DayOfWeek.Saturday, 22, true)]
    [InlineData(DayOfWeek.Saturday, 23, true)]
    [InlineData(DayOfWeek.Sunday, 0, true)]
    [InlineData(DayOfWeek.Sunday, 3, true)]
    [InlineData(DayOfWeek.Sunday, 4, false)]
    [InlineData(DayOfWeek.Saturday, 21, false)]
    [InlineData(DayOfWeek.Saturday, 3, false)]    // Friday night's window
    [InlineData(DayOfWeek.Sunday, 22, false)]     // Sunday is not preferred
    [InlineData(DayOfWeek.Monday, 2, false)]
    public void A_window_that_wraps_midnight_belongs_to_the_day_it_starts_on(DayOfWeek day, int hour, bool open)
    {
        Assert.Equal(open, Utc(SaturdayNight).IsOpen(At(day, hour, 15)));
    }

    [Fact]
    public void Day_boundaries_are_exact_to_the_second()
    {
        var window = Utc(SaturdayNight);

        Assert.False(window.IsOpen(At(DayOfWeek.Saturday, 21, 59, 59)));
        Assert.True(window.IsOpen(At(DayOfWeek.Saturday, 22)));
        Assert.True(window.IsOpen(At(DayOfWeek.Saturday, 23, 59, 59)));
        Assert.True(window.IsOpen(At(DayOfWeek.Sunday, 0).AddDays(7)));
        Assert.True(window.IsOpen(At(DayOfWeek.Sunday, 3, 59, 59).AddDays(7)));
        Assert.False(window.IsOpen(At(DayOfWeek.Sunday, 4).AddDays(7)));
    }

    [Fact]
    public void An_open_window_says_when_it_closes()
    {
        var window = Utc(SaturdayNight);
        var now = At(DayOfWeek.Saturday, 22, 30);

        Assert.Equal(At(DayOfWeek.Sunday, 4).AddDays(7), window.ClosesAt(now));
        Assert.Equal("inside maintenance window (until Sun 04:00)", window.Explain(now));
    }

    [Fact]
    public void A_closed_window_says_when_it_opens_next()
    {
        var window = Utc(SaturdayNight);
        var now = At(DayOfWeek.Wednesday, 9, 41);

        Assert.Equal(At(DayOfWeek.Saturday, 22), window.NextOpening(now));
        Assert.Null(window.ClosesAt(now));
        Assert.Equal("outside maintenance window, next window Sat 22:00", window.Explain(now));
    }

    [Fact]
    public void Next_opening_is_now_when_the_window_is_open()
    {
        var now = At(DayOfWeek.Saturday, 23, 7, 12);

        Assert.Equal(now, Utc(SaturdayNight).NextOpening(now));
    }

    [Fact]
    public void Next_opening_after_the_window_is_a_week_later()
    {
        var now = At(DayOfWeek.Sunday, 4).AddDays(7);

        Assert.Equal(At(DayOfWeek.Saturday, 22).AddDays(7), Utc(SaturdayNight).NextOpening(now));
    }

    [Fact]
    public void Avoid_beats_preferred_for_hours()
    {
        var window = Utc(Defaults with { AvoidHours = [23] });

        Assert.True(window.IsOpen(At(DayOfWeek.Saturday, 22)));
        Assert.False(window.IsOpen(At(DayOfWeek.Saturday, 23)));
        Assert.True(window.IsOpen(At(DayOfWeek.Sunday, 0)));
    }

    [Fact]
    public void Avoid_beats_preferred_for_days()
    {
        var window = Utc(Defaults with { AvoidDays = [6] });

        Assert.False(window.IsOpen(At(DayOfWeek.Saturday, 23)));
        Assert.False(window.IsOpen(At(DayOfWeek.Sunday, 2)));  // tail of the avoided Saturday's window
        Assert.True(window.IsOpen(At(DayOfWeek.Sunday, 23)));
    }

    [Fact]
    public void An_avoided_day_cuts_the_previous_evening_window_at_midnight()
    {
        var window = Utc(Defaults with { AvoidDays = [1] });
        var now = At(DayOfWeek.Sunday, 22, 30);

        Assert.True(window.IsOpen(now));
        Assert.False(window.IsOpen(At(DayOfWeek.Monday, 1)));
        Assert.Equal(At(DayOfWeek.Monday, 0), window.ClosesAt(now));
    }

    [Fact]
    public void Empty_preferred_lists_mean_every_hour_of_every_day()
    {
        var window = Utc(EveryHour);
        var now = At(DayOfWeek.Wednesday, 11);

        Assert.True(window.IsAlwaysOpen);
        Assert.True(window.IsOpen(now));
        Assert.Equal(now, window.NextOpening(now));
        Assert.Null(window.ClosesAt(now));
        Assert.Equal("inside maintenance window (always open)", window.Explain(now));
    }

    [Fact]
    public void Empty_preferred_hours_keep_every_hour_on_its_own_calendar_day()
    {
        var window = Utc(Defaults with { PreferredHours = [] });

        Assert.True(window.IsOpen(At(DayOfWeek.Saturday, 12)));
        Assert.False(window.IsOpen(At(DayOfWeek.Saturday, 10)));  // still avoided
        Assert.True(window.IsOpen(At(DayOfWeek.Sunday, 2)));
        Assert.False(window.IsOpen(At(DayOfWeek.Monday, 2)));     // no run of hours continues into Monday
        Assert.Equal(At(DayOfWeek.Monday, 0), window.ClosesAt(At(DayOfWeek.Sunday, 23)));
    }

    [Fact]
    public void Early_hours_without_hour_23_start_their_own_window()
    {
        var window = Utc(SaturdayNight with { PreferredHours = [0, 1, 2, 3] });

        Assert.True(window.IsOpen(At(DayOfWeek.Saturday, 2)));
        Assert.False(window.IsOpen(At(DayOfWeek.Sunday, 2)));
    }

    [Theory]
    [MemberData(nameof(NeverOpenSchedules))]
    public void A_schedule_that_is_never_open_has_no_next_opening_and_says_why(ScheduleOptions schedule)
    {
        var window = Utc(schedule);
        var now = At(DayOfWeek.Saturday, 23);

        Assert.False(window.IsEverOpen);
        Assert.False(window.IsOpen(now));
        Assert.Null(window.NextOpening(now));
        Assert.Null(window.ClosesAt(now));
        Assert.StartsWith("no maintenance window is ever open: check preferred_hours/avoid_hours", window.Explain(now));
    }

    public static TheoryData<ScheduleOptions> NeverOpenSchedules() =>
    [
        Defaults with { PreferredHours = [10], AvoidHours = [10] },
        Defaults with { AvoidDays = [0, 6] },
        EveryHour with { AvoidDays = [0, 1, 2, 3, 4, 5, 6] },
    ];

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Next_opening_from_every_hour_of_a_week_matches_a_minute_by_minute_walk(ScheduleOptions schedule, bool india)
    {
        var zone = india ? India : TimeZoneInfo.Utc;
        var window = new MaintenanceWindow(schedule, zone);

        for (var hour = 0; hour < 7 * 24; hour++)
        {
            var now = At(DayOfWeek.Sunday, 0, 17, zone: zone).AddHours(hour);

            var expected = now;
            while (!window.IsOpen(expected))
                expected = expected.AddMinutes(1);

            var next = window.NextOpening(now);
            Assert.Equal(expected, next);
            if (next != now)
                Assert.False(window.IsOpen(next!.Value.AddTicks(-1)));
        }
    }

    [Theory]
    [MemberData(nameof(Schedules))]
    public void Closes_at_from_every_hour_of_a_week_matches_a_minute_by_minute_walk(ScheduleOptions schedule, bool india)
    {
        var zone = india ? India : TimeZoneInfo.Utc;
        var window = new MaintenanceWindow(schedule, zone);

        for (var hour = 0; hour < 7 * 24; hour++)
        {
            var now = At(DayOfWeek.Sunday, 0, 17, zone: zone).AddHours(hour);
            if (!window.IsOpen(now))
            {
                Assert.Null(window.ClosesAt(now));
                continue;
            }

            var expected = now;
            while (window.IsOpen(expected))
                expected = expected.AddMinutes(1);

            Assert.Equal(expected, window.ClosesAt(now));
        }
    }

    public static TheoryData<ScheduleOptions, bool> Schedules()
    {
        var data = new TheoryData<ScheduleOptions, bool>();
        foreach (var india in new[] { false, true })
        {
            data.Add(Defaults, india);
            data.Add(SaturdayNight, india);
            data.Add(Defaults with { AvoidDays = [1] }, india);
            data.Add(Defaults with { PreferredHours = [12], AvoidHours = [], PreferredDays = [3] }, india);
        }
        return data;
    }

    [Fact]
    public void A_fixed_non_utc_zone_gives_the_same_answers_for_the_same_local_hours()
    {
        var utc = Utc(Defaults);
        var india = new MaintenanceWindow(Defaults, India);

        for (var hour = 0; hour < 7 * 24; hour++)
        {
            var utcWallClock = At(DayOfWeek.Sunday, 0, 30).AddHours(hour);
            var indiaWallClock = At(DayOfWeek.Sunday, 0, 30, zone: India).AddHours(hour);

            Assert.Equal(utc.IsOpen(utcWallClock), india.IsOpen(indiaWallClock));
        }
    }

    [Fact]
    public void A_fixed_non_utc_zone_judges_and_describes_in_its_own_local_time()
    {
        var window = new MaintenanceWindow(SaturdayNight, India);
        var saturday1730Utc = At(DayOfWeek.Saturday, 17, 30);

        Assert.True(window.IsOpen(saturday1730Utc));               // 23:00 in India
        Assert.False(Utc(SaturdayNight).IsOpen(saturday1730Utc));
        Assert.Equal("Sat 23:00", window.Describe(saturday1730Utc));
        Assert.Equal(At(DayOfWeek.Saturday, 16, 30), window.NextOpening(At(DayOfWeek.Friday, 9)));
        Assert.Equal("inside maintenance window (until Sun 04:00)", window.Explain(saturday1730Utc));
    }

    [Fact]
    public void The_offset_of_now_does_not_change_the_answer()
    {
        var window = Utc(SaturdayNight);
        var saturday23Utc = At(DayOfWeek.Saturday, 23);

        Assert.True(window.IsOpen(saturday23Utc.ToOffset(TimeSpan.FromHours(-7))));
        Assert.Equal("Sat 23:00", window.Describe(saturday23Utc.ToOffset(TimeSpan.FromHours(9))));
    }

    [Theory]
    [InlineData(DayOfWeek.Saturday, 22, 0, "Sat 22:00")]
    [InlineData(DayOfWeek.Sunday, 4, 0, "Sun 04:00")]
    [InlineData(DayOfWeek.Wednesday, 9, 5, "Wed 09:05")]
    public void Describe_gives_day_and_clock_time(DayOfWeek day, int hour, int minute, string expected)
    {
        Assert.Equal(expected, Utc(Defaults).Describe(At(day, hour, minute)));
    }

    [Fact]
    public void The_zone_and_now_come_from_the_time_provider()
    {
        var time = new FakeTimeProvider(At(DayOfWeek.Saturday, 17, 30));
        time.SetLocalTimeZone(India);
        var window = new MaintenanceWindow(SaturdayNight, time.LocalTimeZone);

        Assert.True(window.IsOpen(time.GetUtcNow()));
        time.Advance(TimeSpan.FromHours(5));
        Assert.False(window.IsOpen(time.GetUtcNow()));               // Sun 04:00 in India
    }

    [Theory]
    [InlineData(24)]
    [InlineData(-1)]
    public void Hours_out_of_range_are_refused(int hour)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Utc(Defaults with { AvoidHours = [hour] }));
    }
}
