using Anna.Core.Policy;

namespace Anna.Core.Tests.Fakes;

/// <summary>A policy that never changes.</summary>
internal sealed class FixedHealingConfig(HealingOptions options) : IHealingConfig
{
    public HealingOptions Current { get; } = options;

    public string? Path => null;

    public IReadOnlyList<ConfigError> Errors => [];

    public event Action? Changed { add { } remove { } }
}
