namespace Anna.Core.Insights;

/// <summary>
/// The thresholds of learned maintenance windows, each with why it is what it is. An hour of the
/// week (Tue 10:00) is judged from the same hour in each of the last <see cref="Weeks"/> weeks.
/// </summary>
public static class LearnedWindowRules
{
    /// <summary>
    /// Four weeks: enough for a habit to show against a one-off, short enough that a changed
    /// routine (a new shift, the holidays over) is learned within a month.
    /// </summary>
    public const int Weeks = 4;

    /// <summary>
    /// At least 14 days between the first and the last hour recorded: a weekly habit only shows when
    /// weeks can be compared, and a single week cannot tell a habit from a one-off (a Tuesday of
    /// overtime would become "Tuesdays are busy").
    /// </summary>
    public const int MinDays = 14;

    /// <summary>An hour of the week is judged only when it was seen in at least this many weeks (Anna may have been off).</summary>
    public const int MinWeeksPerSlot = 2;

    /// <summary>
    /// Busy: in use in at least two thirds of the weeks it was seen — both of two, 2 of 3, 3 of 4. A
    /// majority, so one quiet week (a holiday) keeps an office hour busy and one busy week (a
    /// single bad day) does not make a quiet hour busy.
    /// </summary>
    public const double BusyShare = 2.0 / 3.0;

    /// <summary>
    /// Quiet: in use in at most a third of the weeks it was seen — none of two, 1 of 3 or 4. The mirror
    /// of <see cref="BusyShare"/>: one busy week does not take an hour out of the preferred ones either.
    /// </summary>
    public const double QuietShare = 1.0 / 3.0;

    /// <summary>In use: on average at least half a person active and not idle over the hour — someone at the machine for half of it.</summary>
    public const double InUseSessions = 0.5;

    /// <summary>In use: the CPUs busy half the hour; a heal then competes with real work.</summary>
    public const double InUseCpuPercent = 50;

    /// <summary>
    /// In use: tasks stalled on the CPU or on I/O a fifth of the time (PSI "some"). Below that the
    /// machine has room; above it, a package update or a cache cleanup makes someone wait.
    /// </summary>
    public const double InUsePressurePercent = 20;

    /// <summary>In use: a 1-minute load of one per CPU, every CPU with work queued.</summary>
    public const double InUseLoadPerCpu = 1.0;

    /// <summary>
    /// A day busy at least this many hours is avoided whole (avoid_days) rather than adding its hours to
    /// avoid_hours, which hold for every day: a 24/7 shift on Saturday must not close every other
    /// day's afternoon. Half the day: below it, the day still has a window worth keeping.
    /// </summary>
    public const int WholeDayBusyHours = 12;
}
