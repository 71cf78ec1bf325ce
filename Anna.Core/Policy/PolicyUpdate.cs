namespace Anna.Core.Policy;

/// <summary>
/// A change to the policy: each property is a healing.toml setting, null meaning "keep the value in
/// force". Values are as they would be written in the file (names as strings, whole numbers as
/// long), not as <see cref="HealingOptions"/> holds them, so that a value the file would refuse
/// (hour 24, a misspelt category) reaches the editor and is refused there with the file's own
/// message, rather than being lost or clamped on the way.
/// </summary>
public sealed record PolicyUpdate
{
    /// <summary>manual, guided, supervised or autonomous.</summary>
    public string? Policy { get; init; }

    public long? MaxActionsPerSession { get; init; }

    /// <summary>Risk names: safe, low, medium, high, critical.</summary>
    public IReadOnlyList<string>? RequireApproval { get; init; }

    /// <summary>Category names such as service_restart.</summary>
    public IReadOnlyList<string>? AutoHeal { get; init; }

    public IReadOnlyList<string>? NeverAutoHeal { get; init; }

    public long? ScanIntervalSeconds { get; init; }

    public double? SettleSeconds { get; init; }

    /// <summary>Hours of the day, 0–23.</summary>
    public IReadOnlyList<long>? PreferredHours { get; init; }

    public IReadOnlyList<long>? AvoidHours { get; init; }

    /// <summary>Days of the week, 0–6 with 0 = Sunday.</summary>
    public IReadOnlyList<long>? PreferredDays { get; init; }

    public IReadOnlyList<long>? AvoidDays { get; init; }

    public long? HistorySize { get; init; }

    public bool? AutoRollbackOnFailure { get; init; }

    public long? RollbackTimeoutMinutes { get; init; }

    public long? MaxFailures { get; init; }

    public long? FailureWindowMinutes { get; init; }
}
