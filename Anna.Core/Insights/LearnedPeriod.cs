namespace Anna.Core.Insights;

/// <summary>
/// A run of busy or quiet hours on some days, with its evidence: "Mon–Fri 09:00–17:00 busy: 4.1
/// sessions, 63 % CPU on average". <paramref name="ToHour"/> is exclusive and may be smaller than
/// <paramref name="FromHour"/> for a run over midnight; equal means the whole day.
/// </summary>
public sealed record LearnedPeriod(
    bool Busy,
    IReadOnlyList<int> Days,
    int FromHour,
    int ToHour,
    double? Sessions,
    double? CpuBusyPercent,
    double? IoPressure,
    int HoursSeen,
    int HoursInUse,
    string Text);
