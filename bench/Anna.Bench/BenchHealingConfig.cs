using Anna.Core.Policy;

namespace Anna.Bench;

/// <summary>The default policy, fixed: what a benchmark of the rollback machinery needs and nothing more.</summary>
internal sealed class BenchHealingConfig : IHealingConfig
{
    public HealingOptions Current { get; } = new();

    public string? Path => null;

    public IReadOnlyList<ConfigError> Errors => [];

    public event Action? Changed { add { } remove { } }
}
