using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>The healing.toml settings a <see cref="PolicyUpdate"/> asks for on top of the policy in force.</summary>
internal static class PolicyUpdateSettings
{
    private static readonly Dictionary<string, Func<PolicyUpdate, object?>> Values = new(StringComparer.Ordinal)
    {
        [PolicyKeys.Policy] = u => u.Policy,
        [PolicyKeys.MaxActionsPerSession] = u => u.MaxActionsPerSession,
        [PolicyKeys.RequireApproval] = u => u.RequireApproval,
        [PolicyKeys.AutoHeal] = u => u.AutoHeal,
        [PolicyKeys.NeverAutoHeal] = u => u.NeverAutoHeal,
        [PolicyKeys.ScanInterval] = u => u.ScanIntervalSeconds,
        [PolicyKeys.SettleSeconds] = u => u.SettleSeconds,
        [PolicyKeys.PreferredHours] = u => u.PreferredHours,
        [PolicyKeys.AvoidHours] = u => u.AvoidHours,
        [PolicyKeys.PreferredDays] = u => u.PreferredDays,
        [PolicyKeys.AvoidDays] = u => u.AvoidDays,
        [PolicyKeys.HistorySize] = u => u.HistorySize,
        [PolicyKeys.AutoRollbackOnFailure] = u => u.AutoRollbackOnFailure,
        [PolicyKeys.RollbackTimeout] = u => u.RollbackTimeoutMinutes,
        [PolicyKeys.MaxFailures] = u => u.MaxFailures,
        [PolicyKeys.FailureWindow] = u => u.FailureWindowMinutes,
    };

    /// <summary>
    /// Every setting: the update's value where it has one, the policy in force elsewhere, including
    /// keys an update cannot change (the [probes] thresholds).
    /// </summary>
    public static IReadOnlyList<TomlSetting> Merge(HealingOptions current, PolicyUpdate update)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(update);
        return
        [
            .. TomlSetting.FromOptions(current).Select(setting =>
                Values.TryGetValue(setting.Key, out var read) && read(update) is { } value
                    ? new TomlSetting(setting.Key, value)
                    : setting),
        ];
    }

    /// <summary>The keys an update can change; each one a key of the schema (checked by the tests).</summary>
    public static IEnumerable<string> Keys => Values.Keys;
}
