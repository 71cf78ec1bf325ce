using Anna.Core.Policy;

namespace Anna.Server.Api;

/// <summary>
/// Where each healing.toml key lives in the JSON of <see cref="PolicyDto"/>, and the
/// <see cref="PolicyUpdate"/> a PUT body asks for.
/// </summary>
internal static class PolicyFields
{
    private static readonly (string Key, string Field, Func<PolicyUpdateDto, object?> Read)[] Fields =
    [
        (PolicyKeys.Policy, "policy", u => u.Policy),
        (PolicyKeys.MaxActionsPerSession, "maxActionsPerSession", u => u.MaxActionsPerSession),
        (PolicyKeys.RequireApproval, "requireApproval", u => u.RequireApproval),
        (PolicyKeys.AutoHeal, "autoHeal", u => u.AutoHeal),
        (PolicyKeys.NeverAutoHeal, "neverAutoHeal", u => u.NeverAutoHeal),
        (PolicyKeys.ScanInterval, "scanInterval", u => u.ScanInterval),
        (PolicyKeys.SettleSeconds, "settleSeconds", u => u.SettleSeconds),
        (PolicyKeys.PreferredHours, "schedule.preferredHours", u => u.Schedule?.PreferredHours),
        (PolicyKeys.AvoidHours, "schedule.avoidHours", u => u.Schedule?.AvoidHours),
        (PolicyKeys.PreferredDays, "schedule.preferredDays", u => u.Schedule?.PreferredDays),
        (PolicyKeys.AvoidDays, "schedule.avoidDays", u => u.Schedule?.AvoidDays),
        (PolicyKeys.HistorySize, "rollback.historySize", u => u.Rollback?.HistorySize),
        (PolicyKeys.AutoRollbackOnFailure, "rollback.autoRollbackOnFailure", u => u.Rollback?.AutoRollbackOnFailure),
        (PolicyKeys.RollbackTimeout, "rollback.rollbackTimeoutMinutes", u => u.Rollback?.RollbackTimeoutMinutes),
        (PolicyKeys.MaxFailures, "circuitBreaker.maxFailures", u => u.CircuitBreaker?.MaxFailures),
        (PolicyKeys.FailureWindow, "circuitBreaker.failureWindowMinutes", u => u.CircuitBreaker?.FailureWindowMinutes),
    ];

    /// <summary>The JSON field of a healing.toml key, with the array index when an item is at fault.</summary>
    public static string FieldOf(PolicyEditError error)
    {
        var field = Fields.FirstOrDefault(f => f.Key == error.Key).Field ?? error.Key;
        return error.Item is { } item ? $"{field}[{item}]" : field;
    }

    /// <summary>
    /// Null items in a list have no TOML spelling, so they are reported here instead of by the parser.
    /// </summary>
    public static Dictionary<string, string[]> NullItems(PolicyUpdateDto update)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (_, field, read) in Fields)
        {
            if (read(update) is IReadOnlyList<string?> names && names.Any(n => n is null))
                errors[field] = ["items must be strings, not null"];
        }
        return errors;
    }

    /// <summary>The change a body asks for; call after <see cref="NullItems"/> found none.</summary>
    public static PolicyUpdate ToUpdate(PolicyUpdateDto body) => new()
    {
        Policy = body.Policy,
        MaxActionsPerSession = body.MaxActionsPerSession,
        RequireApproval = Names(body.RequireApproval),
        AutoHeal = Names(body.AutoHeal),
        NeverAutoHeal = Names(body.NeverAutoHeal),
        ScanIntervalSeconds = body.ScanInterval,
        SettleSeconds = body.SettleSeconds,
        PreferredHours = body.Schedule?.PreferredHours,
        AvoidHours = body.Schedule?.AvoidHours,
        PreferredDays = body.Schedule?.PreferredDays,
        AvoidDays = body.Schedule?.AvoidDays,
        HistorySize = body.Rollback?.HistorySize,
        AutoRollbackOnFailure = body.Rollback?.AutoRollbackOnFailure,
        RollbackTimeoutMinutes = body.Rollback?.RollbackTimeoutMinutes,
        MaxFailures = body.CircuitBreaker?.MaxFailures,
        FailureWindowMinutes = body.CircuitBreaker?.FailureWindowMinutes,
    };

    private static IReadOnlyList<string>? Names(IReadOnlyList<string?>? names) =>
        names?.Select(n => n ?? throw new ArgumentException("null items are refused before an update is made", nameof(names))).ToList();
}
