using Anna.Core.Policy;

namespace Anna.Testing;

/// <summary>
/// A policy the test sets directly, or changes mid-run as a file edit would; <see cref="Reject"/>
/// plays a bad edit of the file.
/// </summary>
public sealed class TestHealingConfig(HealingOptions? options = null) : IHealingConfig
{
    public HealingOptions Current { get; set; } = options ?? new();

    /// <summary>Defaults, with these log probe settings.</summary>
    public static TestHealingConfig WithLogs(LogProbeOptions logs) => new(new HealingOptions { Probes = new ProbeOptions { Logs = logs } });

    public string? Path { get; set; } = "/etc/anna/healing.toml";

    public IReadOnlyList<ConfigError> Errors { get; private set; } = [];

    public event Action? Changed;

    public void Reject(params ConfigError[] errors)
    {
        Errors = errors;
        Changed?.Invoke();
    }

    public void Accept(HealingOptions options)
    {
        Current = options;
        Errors = [];
        Changed?.Invoke();
    }
}
