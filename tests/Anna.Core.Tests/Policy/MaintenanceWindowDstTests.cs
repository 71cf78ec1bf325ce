using Anna.Core.Policy;

namespace Anna.Core.Tests.Policy;

/// <summary>
/// A made-up zone with central-European rules (UTC+1, summer time +2 from the last Sunday of
/// March 02:00 to the last Sunday of October 03:00), so the tests never depend on the machine's zone data.
/// </summary>
public sealed class MaintenanceWindowDstTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone(
        "Test/SummerTime", TimeSpan.FromHours(1), "Test summer time", "Test standard", "Test summer",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                new DateTime(2000, 1, 1), new DateTime(2099, 12, 31), TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    private static MaintenanceWindow AtHours(params int[] hours) =>
        new(new ScheduleOptions { PreferredHours = hours, AvoidHours = [], PreferredDays = [], AvoidDays = [] }, Zone);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) =>
        new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void An_hour_skipped_by_spring_forward_never_opens()
    {
        // 30 March 2025: 02:00 local does not exist; 01:00Z is 03:00 summer time.
        var window = AtHours(2);
        var sunday0030Local = Utc(3, 29, 23, 30);

        Assert.Equal(new DateTimeOffset(2025, 3, 31, 2, 0, 0, TimeSpan.FromHours(2)), window.NextOpening(sunday0030Local));
    }

    [Fact]
    public void The_hour_after_a_skipped_hour_opens_at_once()
    {
        var window = AtHours(2, 3);
        var sunday0130Local = Utc(3, 30, 0, 30);

        Assert.Equal(Utc(3, 30, 1), window.NextOpening(sunday0130Local));
        Assert.Equal("Sun 03:00", window.Describe(Utc(3, 30, 1)));
    }

    [Fact]
    public void A_repeated_hour_opens_at_its_first_occurrence_and_stays_open_for_both()
    {
        // 26 October 2025: 03:00 summer time falls back to 02:00 standard; 02:00–02:59 happens twice.
        var window = AtHours(2);
        var sunday0130Local = Utc(10, 25, 23, 30);

        var opens = window.NextOpening(sunday0130Local);
        Assert.Equal(Utc(10, 26, 0), opens);
        Assert.Equal(Utc(10, 26, 2), window.ClosesAt(opens!.Value));
        Assert.True(window.IsOpen(Utc(10, 26, 1, 30)));  // the second 02:30
    }
}
