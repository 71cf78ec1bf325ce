using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// Carries unit state changes from the signal handler to <see cref="ISystemdManager.WatchAsync"/>.
/// It outlives sessions, so a reader keeps reading across reconnects.
/// </summary>
internal sealed class UnitChangeFeed
{
    // Beyond this many unread changes the oldest are dropped; the periodic full scan catches up.
    private const int Capacity = 4096;

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<UnitChange> _channel;

    public UnitChangeFeed(ILogger logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        _channel = Channel.CreateBounded<UnitChange>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => _logger.LogWarning("Dropped unit change for {Unit}: nobody is reading them", dropped.Name));
    }

    public async IAsyncEnumerable<UnitChange> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return change;
    }

    public void Complete() => _channel.Writer.TryComplete();

    /// <summary>Runs on the library's receive thread: validate, stamp, hand over, return.</summary>
    public void OnUnitState(SystemdSession session, UnitStateSignal signal)
    {
        if (!UnitName.TryParse(signal.Unit, out var name, out _))
            return;
        var change = new UnitChange(name, signal.ActiveState, signal.SubState, _time.GetUtcNow());
        if (change.ActiveState == "failed")
            _ = Task.Run(() => ConfirmFailedAsync(session, change));
        else
            _channel.Writer.TryWrite(change);
    }

    /// <summary>
    /// systemd (before v254) announces "failed" for a moment even when the unit's Restart= is
    /// already bringing it back: the service passes through SERVICE_FAILED on its way to
    /// auto-restart within one event-loop iteration, and the failed state gets its own signal.
    /// systemd answers our Get only after that iteration, so asking once tells a real failure
    /// (still failed) from a transient one (activating/auto-restart, whose own signal follows).
    /// </summary>
    private async Task ConfirmFailedAsync(SystemdSession session, UnitChange change)
    {
        try
        {
            var state = await SystemdCalls.GetStringPropertiesAsync(
                session.Connection, UnitObjectPath.Escape(change.Name.Value), SystemdBus.UnitInterface, "ActiveState", "SubState").ConfigureAwait(false);
            if (state[0] != "failed")
            {
                _logger.LogDebug("{Unit} passed through failed on its way to {ActiveState}/{SubState}", change.Name, state[0], state[1]);
                return;
            }
            change = change with { SubState = state[1] };
        }
        catch (Exception ex)
        {
            // Could not ask (connection lost, unit unloaded): report what the signal said; the
            // rescan after reconnect and the caller's own read settle it.
            _logger.LogDebug(ex, "Could not confirm the failure of {Unit}", change.Name);
        }
        _channel.Writer.TryWrite(change);
    }
}
