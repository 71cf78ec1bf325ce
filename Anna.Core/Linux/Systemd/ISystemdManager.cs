namespace Anna.Core.Linux.Systemd;

/// <summary>
/// Anna's view of a systemd manager over D-Bus. Implementations reconnect by themselves when the
/// bus or systemd restarts; after every (re)connect they raise <see cref="Connected"/> so the
/// caller can rescan what it may have missed.
/// </summary>
public interface ISystemdManager : IAsyncDisposable
{
    SystemdConnectionState State { get; }

    /// <summary>Why the manager is disconnected or unavailable, in words; null when connected.</summary>
    string? StateReason { get; }

    /// <summary>Raised after every successful (re)connect and subscribe.</summary>
    event Action? Connected;

    /// <summary>Connects and subscribes; returns once the first attempt is done (either way).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Unit state changes from signals, as they arrive. One reader.</summary>
    IAsyncEnumerable<UnitChange> WatchAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<UnitStatus>> ListUnitsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<UnitStatus>> ListFailedUnitsAsync(CancellationToken cancellationToken);

    Task<UnitStatus> GetUnitAsync(UnitName name, CancellationToken cancellationToken);

    /// <summary>Starts the unit and waits until systemd finished the job; returns the job result ("done", "failed", …).</summary>
    Task<string> StartUnitAsync(UnitName name, CancellationToken cancellationToken);

    Task<string> StopUnitAsync(UnitName name, CancellationToken cancellationToken);

    Task<string> RestartUnitAsync(UnitName name, CancellationToken cancellationToken);

    /// <summary>Clears the failed state and the start-limit counter.</summary>
    Task ResetFailedUnitAsync(UnitName name, CancellationToken cancellationToken);
}
