namespace Anna.Server.Api;

/// <summary>A busy or quiet run of hours and what it stands on; <see cref="ToHour"/> is exclusive (equal to <see cref="FromHour"/>: all day).</summary>
public sealed record LearnedPeriodDto(
    string Kind, IReadOnlyList<int> Days, int FromHour, int ToHour, double? Sessions, double? CpuBusyPercent, double? IoPressure,
    int HoursSeen, int HoursInUse, string Text);
