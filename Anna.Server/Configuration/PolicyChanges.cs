using Anna.Core.Policy;

namespace Anna.Server.Configuration;

/// <summary>What an edit changes in the policy, key by key, as a person reads it in the history.</summary>
public static class PolicyChanges
{
    /// <summary>"healing.policy: "supervised" → "autonomous"" for every key whose value differs, in the documented order.</summary>
    public static IReadOnlyList<string> Between(HealingOptions before, HealingOptions after)
    {
        var old = TomlSetting.FromOptions(before);
        var now = TomlSetting.FromOptions(after);
        return old.Zip(now)
            .Where(p => !TomlLiteral.SameSetting(p.First.Key, p.First.Value, p.Second.Value))
            .Select(p => $"{p.First.Key}: {TomlLiteral.Render(p.First.Value)} → {TomlLiteral.Render(p.Second.Value)}")
            .ToList();
    }
}
