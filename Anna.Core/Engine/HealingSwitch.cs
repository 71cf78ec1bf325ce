namespace Anna.Core.Engine;

/// <summary>
/// Whether automatic healing is on. A person's "disable" is stored so it survives a restart;
/// reads are served from memory because every decision asks.
/// </summary>
public sealed class HealingSwitch(IHealingSwitchStore store)
{
    private volatile bool _enabled = true;

    public bool Enabled => _enabled;

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        _enabled = await store.IsEnabledAsync(cancellationToken);

    public async Task SetAsync(bool enabled, string by, CancellationToken cancellationToken)
    {
        await store.SetEnabledAsync(enabled, by, cancellationToken);
        _enabled = enabled;
    }
}
