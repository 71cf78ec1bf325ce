using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>The healing.toml settings a <see cref="PolicyUpdate"/> asks for on top of the policy in force.</summary>
internal static class PolicyUpdateSettings
{
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
                update.ValueOf(setting.Key) is { } value
                    ? new TomlSetting(setting.Key, value)
                    : setting),
        ];
    }
}
