namespace Anna.Core.Policy;

/// <summary>Maintenance windows: hours are 0–23, days are 0–6 with 0 = Sunday.</summary>
public sealed record ScheduleOptions
{
    public IReadOnlyList<int> PreferredHours { get; init; } = [22, 23, 0, 1, 2, 3];
    public IReadOnlyList<int> AvoidHours { get; init; } = [9, 10, 11, 14, 15, 16];
    public IReadOnlyList<int> PreferredDays { get; init; } = [0, 6];
    public IReadOnlyList<int> AvoidDays { get; init; } = [];

    /// <summary>
    /// Anna keeps the four lists above current from how the machine is used (learned maintenance
    /// windows), re-applying its proposal once a day through the policy editor; off by default, so
    /// the schedule is the admin's until they ask otherwise.
    /// </summary>
    public bool Learn { get; init; }
}
