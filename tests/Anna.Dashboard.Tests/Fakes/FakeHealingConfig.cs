using Anna.Core.Policy;

namespace Anna.Dashboard.Tests.Fakes;

/// <summary>A policy the test sets directly; <see cref="Reject"/> plays a bad edit of the file.</summary>
public sealed class FakeHealingConfig : IHealingConfig
{
    public HealingOptions Current { get; set; } = new();

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
