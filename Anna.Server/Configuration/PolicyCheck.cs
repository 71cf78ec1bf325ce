using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>The options the values make, or why they do not make any.</summary>
public sealed record PolicyCheck(HealingOptions? Options, IReadOnlyList<SettingError> Errors);

/// <summary>A rejected setting: its healing.toml key, the array item at fault if it is one, and why.</summary>
public sealed record SettingError(string Key, int? Item, string Message);
