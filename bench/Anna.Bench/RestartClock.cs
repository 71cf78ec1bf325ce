using System.Threading.Channels;
using Anna.Core.Linux.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Anna.Bench;

/// <summary>
/// The bench's own connection to the sandboxed systemd. Times kill → active from PropertiesChanged
/// signals (stamped by the adapter when they arrive), not by polling, so measuring does not load
/// the machine; one GetUnit per trial confirms that the main pid changed.
/// </summary>
internal sealed class RestartClock : IAsyncDisposable
{
    private readonly SystemdDbusManager _systemd;
    private readonly Channel<UnitChange> _changes = Channel.CreateUnbounded<UnitChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task _pump = Task.CompletedTask;

    private RestartClock(SystemdDbusManager systemd) => _systemd = systemd;

    public ISystemdManager Systemd => _systemd;

    public static async Task<RestartClock> ConnectAsync(string busAddress, CancellationToken cancellationToken)
    {
        var systemd = new SystemdDbusManager(busAddress, NullLogger<SystemdDbusManager>.Instance, TimeProvider.System);
        await systemd.StartAsync(cancellationToken);
        if (systemd.State != SystemdConnectionState.Connected)
        {
            var reason = systemd.StateReason;
            await systemd.DisposeAsync();
            throw new InvalidOperationException($"cannot reach the sandboxed systemd: {reason}");
        }
        var clock = new RestartClock(systemd);
        clock._pump = clock.PumpAsync();
        return clock;
    }

    /// <summary>SIGKILLs the unit's main process and waits for the unit to be active with another main pid.</summary>
    public async Task<KillTrial> KillAndTimeAsync(int number, UnitName unit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var before = await _systemd.GetUnitAsync(unit, cancellationToken);
        if (!before.IsActive || before.MainPid == 0)
            return new KillTrial(number, before.MainPid, 0, null, null, $"not running before the kill: {before.ActiveState}/{before.SubState}");
        while (_changes.Reader.TryRead(out _))
        {
            // Older news; only what happens after the kill counts.
        }

        var killedAt = TimeProvider.System.GetUtcNow();
        Anna.Core.Linux.Processes.ProcessSignals.Kill(before.MainPid);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        TimeSpan? down = null;
        try
        {
            while (true)
            {
                var change = await _changes.Reader.ReadAsync(deadline.Token);
                if (change.Name != unit || change.ObservedAt < killedAt)
                    continue;
                if (change.ActiveState != "active")
                {
                    down ??= change.ObservedAt - killedAt;
                    continue;
                }
                var after = await _systemd.GetUnitAsync(unit, deadline.Token);
                if (after.IsActive && after.MainPid != 0 && after.MainPid != before.MainPid)
                    return new KillTrial(number, before.MainPid, after.MainPid, down, change.ObservedAt - killedAt, null, killedAt);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var now = await _systemd.GetUnitAsync(unit, cancellationToken);
            return new KillTrial(number, before.MainPid, now.MainPid, down, null,
                $"not active with a new main pid within {timeout.TotalSeconds:0} s (now {now.ActiveState}/{now.SubState}, pid {now.MainPid})", killedAt);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        await _systemd.DisposeAsync();
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var change in _systemd.WatchAsync(_stop.Token))
                _changes.Writer.TryWrite(change);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
