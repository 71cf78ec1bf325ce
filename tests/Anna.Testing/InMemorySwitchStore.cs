using Anna.Core.Engine;

namespace Anna.Testing;

/// <summary>The healing switch kept in a field.</summary>
public sealed class InMemorySwitchStore : IHealingSwitchStore
{
    private volatile bool _enabled = true;

    public Task<bool> IsEnabledAsync(CancellationToken cancellationToken) => Task.FromResult(_enabled);

    public Task SetEnabledAsync(bool enabled, string by, CancellationToken cancellationToken)
    {
        _enabled = enabled;
        return Task.CompletedTask;
    }
}
