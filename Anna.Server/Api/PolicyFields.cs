using Anna.Core.Policy;
using Anna.Server.Configuration;

namespace Anna.Server.Api;

/// <summary>
/// Where each healing.toml key lives in the JSON of <see cref="PolicyDto"/>, and the settings a
/// PUT body asks for on top of the policy in force.
/// </summary>
internal static class PolicyFields
{
    private static readonly (string Key, string Field, Func<PolicyUpdateDto, object?> Read)[] Fields =
    [
        ("healing.policy", "policy", u => u.Policy),
        ("healing.max_actions_per_session", "maxActionsPerSession", u => u.MaxActionsPerSession),
        ("healing.require_approval", "requireApproval", u => u.RequireApproval),
        ("healing.auto_heal", "autoHeal", u => u.AutoHeal),
        ("healing.never_auto_heal", "neverAutoHeal", u => u.NeverAutoHeal),
        ("healing.scan_interval", "scanInterval", u => u.ScanInterval),
        ("healing.settle_seconds", "settleSeconds", u => u.SettleSeconds),
        ("healing.schedule.preferred_hours", "schedule.preferredHours", u => u.Schedule?.PreferredHours),
        ("healing.schedule.avoid_hours", "schedule.avoidHours", u => u.Schedule?.AvoidHours),
        ("healing.schedule.preferred_days", "schedule.preferredDays", u => u.Schedule?.PreferredDays),
        ("healing.schedule.avoid_days", "schedule.avoidDays", u => u.Schedule?.AvoidDays),
        ("healing.rollback.history_size", "rollback.historySize", u => u.Rollback?.HistorySize),
        ("healing.rollback.auto_rollback_on_failure", "rollback.autoRollbackOnFailure", u => u.Rollback?.AutoRollbackOnFailure),
        ("healing.rollback.rollback_timeout", "rollback.rollbackTimeoutMinutes", u => u.Rollback?.RollbackTimeoutMinutes),
        ("healing.circuit_breaker.max_failures", "circuitBreaker.maxFailures", u => u.CircuitBreaker?.MaxFailures),
        ("healing.circuit_breaker.failure_window", "circuitBreaker.failureWindowMinutes", u => u.CircuitBreaker?.FailureWindowMinutes),
    ];

    /// <summary>The JSON field of a healing.toml key, with the array index when an item is at fault.</summary>
    public static string FieldOf(SettingError error)
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

    /// <summary>Every setting: the body's value where it has one, the policy in force elsewhere (and for keys without a field).</summary>
    public static IReadOnlyList<TomlSetting> Merge(HealingOptions current, PolicyUpdateDto update)
    {
        var settings = TomlSetting.FromOptions(current).ToList();
        for (var i = 0; i < settings.Count; i++)
        {
            // Keys the API does not expose (the [probes] thresholds) keep the value in force.
            if (!Fields.Any(f => f.Key == settings[i].Key))
                continue;
            var (key, _, read) = Fields.Single(f => f.Key == settings[i].Key);
            settings[i] = read(update) switch
            {
                null => settings[i],
                IReadOnlyList<string?> names => new TomlSetting(key, names.Select(n => n ?? "").ToList()),
                var value => new TomlSetting(key, value),
            };
        }
        return settings;
    }
}
