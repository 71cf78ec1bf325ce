using Anna.Core.Policy;

namespace Anna.IntegrationTests.SystemProbes;

/// <summary>A policy that never changes, for probes and actions used on their own.</summary>
internal sealed class StaticHealingConfig(HealingOptions options) : IHealingConfig
{
    public HealingOptions Current { get; } = options;

    public string? Path => null;

    public IReadOnlyList<ConfigError> Errors => [];

    public event Action? Changed { add { } remove { } }

    public static StaticHealingConfig WithLogs(LogProbeOptions logs) =>
        new(new HealingOptions { Probes = new ProbeOptions { Logs = logs } });
}
