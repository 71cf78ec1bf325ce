using Anna.Core.Policy;

namespace Anna.Core.Tests.Fakes;

/// <summary>A policy a test can change mid-run, as a file edit would.</summary>
internal sealed class MutableHealingConfig(HealingOptions options) : IHealingConfig
{
    public HealingOptions Current { get; set; } = options;

    public string? Path => null;

    public IReadOnlyList<ConfigError> Errors => [];

    public event Action? Changed { add { } remove { } }
}
