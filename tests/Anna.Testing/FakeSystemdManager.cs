using Anna.Core.Linux.Systemd;

namespace Anna.Testing;

/// <summary>
/// A systemd that only lists and reads a fixed set of units. Everything that would act on a unit throws:
/// the dashboard must act through the engine, never on systemd directly.
/// </summary>
public sealed class FakeSystemdManager : ISystemdManager
{
    public SystemdConnectionState State { get; private set; } = SystemdConnectionState.Connected;

    public string? StateReason { get; private set; }

    public List<UnitStatus> Units { get; } = [];

    public int ListCalls { get; private set; }

    public event Action? Connected;

    public void Disconnect(SystemdConnectionState state, string reason)
    {
        State = state;
        StateReason = reason;
    }

    public void Reconnect()
    {
        State = SystemdConnectionState.Connected;
        StateReason = null;
        Connected?.Invoke();
    }

    public static UnitStatus Unit(string name, string activeState, string subState = "running", string result = "success",
        uint mainPid = 0, uint restarts = 0, string restart = "no", string? description = null) =>
        new(UnitName.Parse(name), "loaded", activeState, subState, result, mainPid, restarts, restart, description ?? $"The {name} unit");

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public IAsyncEnumerable<UnitChange> WatchAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<UnitStatus>> ListUnitsAsync(CancellationToken cancellationToken)
    {
        ListCalls++;
        return Task.FromResult<IReadOnlyList<UnitStatus>>(Units.ToList());
    }

    public Task<IReadOnlyList<UnitStatus>> ListFailedUnitsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<UnitStatus>>(Units.Where(u => u.IsFailed).ToList());

    public Task<UnitStatus> GetUnitAsync(UnitName name, CancellationToken cancellationToken) =>
        Task.FromResult(Units.Single(u => u.Name == name));

    public Task<string> StartUnitAsync(UnitName name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> StopUnitAsync(UnitName name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> RestartUnitAsync(UnitName name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ResetFailedUnitAsync(UnitName name, CancellationToken cancellationToken) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
