namespace Anna.Core.Engine;

/// <summary>Whether automatic healing is enabled; a person's "disable" must survive a restart.</summary>
public interface IHealingSwitchStore
{
    Task<bool> IsEnabledAsync(CancellationToken cancellationToken);

    Task SetEnabledAsync(bool enabled, string by, CancellationToken cancellationToken);
}
