namespace Anna.Core.Insights;

/// <summary>
/// How one past hour was used: the hourly means of the activity series (null where that series has
/// no bucket for the hour), and the hour's slot of the week in the host's zone.
/// </summary>
public sealed record ActivityHour(DayOfWeek Day, int Hour, DateTimeOffset Start)
{
    public double? Sessions { get; init; }

    public double? CpuBusyPercent { get; init; }

    public double? CpuPressure { get; init; }

    public double? IoPressure { get; init; }

    public double? LoadPerCpu { get; init; }

    /// <summary>Whether the machine was in use in this hour, by <see cref="LearnedWindowRules"/>.</summary>
    public bool InUse =>
        Sessions >= LearnedWindowRules.InUseSessions
        || CpuBusyPercent >= LearnedWindowRules.InUseCpuPercent
        || CpuPressure >= LearnedWindowRules.InUsePressurePercent
        || IoPressure >= LearnedWindowRules.InUsePressurePercent
        || LoadPerCpu >= LearnedWindowRules.InUseLoadPerCpu;
}
