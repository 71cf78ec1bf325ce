using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// <see cref="ISystemdManager"/> over D-Bus. A background loop keeps one <see cref="SystemdSession"/>
/// alive and replaces it, with backoff, whenever the bus or systemd goes away. Unit state changes
/// arrive as PropertiesChanged signals and go straight into a channel: the library's receive thread
/// never waits on Anna.
/// </summary>
public sealed class SystemdDbusManager : ISystemdManager
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    // Signals beyond this many unread are dropped oldest-first; the periodic full scan catches up.
    private const int ChangeBufferSize = 4096;

    private readonly string _busSetting;
    private readonly string? _address;
    private readonly ILogger<SystemdDbusManager> _logger;
    private readonly TimeProvider _time;
    private readonly Channel<UnitChange> _changes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stateLock = new();
    private SystemdConnectionState _state = SystemdConnectionState.Connecting;
    private string? _stateReason = "not started";
    private volatile SystemdSession? _session;
    private Task? _loop;

    public SystemdDbusManager(string busAddress, ILogger<SystemdDbusManager> logger, TimeProvider timeProvider)
    {
        _busSetting = busAddress;
        _address = SystemdBus.ResolveAddress(busAddress);
        _logger = logger;
        _time = timeProvider;
        _changes = Channel.CreateBounded<UnitChange>(
            new BoundedChannelOptions(ChangeBufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => _logger.LogWarning("Dropped unit change for {Unit}: nobody is reading them", dropped.Name));
    }

    public SystemdConnectionState State
    {
        get { lock (_stateLock) return _state; }
    }

    public string? StateReason
    {
        get { lock (_stateLock) return _stateReason; }
    }

    public string BusAddress => _address ?? _busSetting;

    public event Action? Connected;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_loop is not null)
            throw new InvalidOperationException("the systemd manager was already started");
        var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = Task.Run(() => RunAsync(firstAttempt, _stopping.Token), CancellationToken.None);
        await firstAttempt.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<UnitChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in _changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            yield return change;
    }

    public Task<IReadOnlyList<UnitStatus>> ListUnitsAsync(CancellationToken cancellationToken) => ListAsync(null, cancellationToken);

    public Task<IReadOnlyList<UnitStatus>> ListFailedUnitsAsync(CancellationToken cancellationToken) => ListAsync(["failed"], cancellationToken);

    public Task<UnitStatus> GetUnitAsync(UnitName name, CancellationToken cancellationToken) =>
        CallAsync($"read {name}", async connection =>
        {
            // LoadUnit rather than GetUnit: it answers for units that are not loaded yet too
            // (LoadState "not-found" for unknown ones) instead of failing.
            var path = await SystemdCalls.LoadUnitAsync(connection, name.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
            return await UnitStatusReader.ReadAsync(connection, name, path, cancellationToken).ConfigureAwait(false);
        });

    public Task<string> StartUnitAsync(UnitName name, CancellationToken cancellationToken) => RunJobAsync("StartUnit", name, cancellationToken);

    public Task<string> StopUnitAsync(UnitName name, CancellationToken cancellationToken) => RunJobAsync("StopUnit", name, cancellationToken);

    public Task<string> RestartUnitAsync(UnitName name, CancellationToken cancellationToken) => RunJobAsync("RestartUnit", name, cancellationToken);

    public Task ResetFailedUnitAsync(UnitName name, CancellationToken cancellationToken) =>
        CallAsync($"reset-failed {name}", async connection =>
        {
            try
            {
                await SystemdCalls.ResetFailedUnitAsync(connection, name.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DBusErrorReplyException ex) when (ex.ErrorName == "org.freedesktop.systemd1.NoSuchUnit")
            {
                // Not loaded means nothing failed and no start limit is counted: already reset.
            }
            return true;
        });

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
            await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        _changes.Writer.TryComplete();
        _stopping.Dispose();
    }

    private Task<string> RunJobAsync(string method, UnitName name, CancellationToken cancellationToken) =>
        CallAsync($"{method} {name}", async connection =>
        {
            var jobs = RequireSession().Jobs;
            using var call = jobs.BeginCall();
            var jobPath = await SystemdCalls.ManagerJobAsync(connection, method, name.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await jobs.WaitAsync(jobPath).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                jobs.Forget(jobPath);
            }
        });

    private Task<IReadOnlyList<UnitStatus>> ListAsync(string[]? states, CancellationToken cancellationToken) =>
        CallAsync(states is null ? "list units" : "list failed units", async connection =>
        {
            var entries = await SystemdCalls.ListUnitsAsync(connection, states).WaitAsync(cancellationToken).ConfigureAwait(false);
            var reads = new List<Task<UnitStatus>>(entries.Count);
            foreach (var entry in entries)
            {
                if (UnitName.TryParse(entry.Name, out var name, out _))
                    reads.Add(ReadListedAsync(connection, name, entry, cancellationToken));
            }
            return (IReadOnlyList<UnitStatus>)await Task.WhenAll(reads).ConfigureAwait(false);
        });

    private static async Task<UnitStatus> ReadListedAsync(DBusConnection connection, UnitName name, UnitListEntry entry, CancellationToken cancellationToken)
    {
        Dictionary<string, VariantValue> service = [];
        if (UnitStatusReader.IsService(name))
        {
            try
            {
                service = await SystemdCalls.GetAllPropertiesAsync(connection, entry.ObjectPath, SystemdBus.ServiceInterface)
                    .WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DBusErrorReplyException)
            {
                // The unit was unloaded between the list and this read; the list row still stands.
            }
        }
        return UnitStatusReader.Create(name, entry.LoadState, entry.ActiveState, entry.SubState, entry.Description, service);
    }

    private async Task<T> CallAsync<T>(string what, Func<DBusConnection, Task<T>> call)
    {
        var session = RequireSession();
        try
        {
            return await call(session.Connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DBusConnectionClosedException or ObjectDisposedException)
        {
            throw new InvalidOperationException($"lost the connection to systemd at {BusAddress} during {what}", ex);
        }
    }

    private SystemdSession RequireSession()
    {
        var session = _session;
        if (session is null || State != SystemdConnectionState.Connected)
            throw new InvalidOperationException($"systemd is not connected ({State}): {StateReason ?? "unknown reason"}");
        return session;
    }

    private void OnUnitState(SystemdSession session, UnitStateSignal signal)
    {
        // Runs on the library's receive thread: validate, stamp, hand over, return.
        if (!UnitName.TryParse(signal.Unit, out var name, out _))
            return;
        var change = new UnitChange(name, signal.ActiveState, signal.SubState, _time.GetUtcNow());
        if (change.ActiveState == "failed")
            _ = Task.Run(() => ConfirmFailedAsync(session, change));
        else
            _changes.Writer.TryWrite(change);
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
        _changes.Writer.TryWrite(change);
    }

    private async Task RunAsync(TaskCompletionSource firstAttempt, CancellationToken stopping)
    {
        var backoff = MinBackoff;
        var everConnected = false;
        var failuresInARow = 0;
        while (!stopping.IsCancellationRequested)
        {
            SystemdSession? session = null;
            try
            {
                if (_address is null)
                    throw new SystemdUnreachableException("no session bus: DBUS_SESSION_BUS_ADDRESS is not set");
                session = await SystemdSession.OpenAsync(_address, OnUnitState, stopping).ConfigureAwait(false);
                _session = session;
                SetState(SystemdConnectionState.Connected, null);
                _logger.LogInformation("Connected to systemd at {Address}{Again}", _address, everConnected ? " again" : "");
                everConnected = true;
                failuresInARow = 0;
                backoff = MinBackoff;
                firstAttempt.TrySetResult();
                RaiseConnected();

                var reason = await session.Lost.WaitAsync(stopping).ConfigureAwait(false);
                SetState(SystemdConnectionState.Disconnected, reason);
                _logger.LogWarning("Lost systemd at {Address}: {Reason}; reconnecting", _address, reason);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                var reason = Describe(ex);
                SetState(everConnected ? SystemdConnectionState.Disconnected : SystemdConnectionState.Unavailable, reason);
                // Say it once loudly, then quietly while retrying, so a missing bus does not flood the log.
                if (failuresInARow++ == 0)
                    _logger.LogWarning("Cannot reach systemd: {Reason}; retrying in the background", reason);
                else
                    _logger.LogDebug("Still cannot reach systemd: {Reason}", reason);
                firstAttempt.TrySetResult();
            }
            finally
            {
                if (session is not null)
                {
                    _session = null;
                    session.Dispose();
                }
            }

            try
            {
                await Task.Delay(backoff, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
        SetState(SystemdConnectionState.Disconnected, "stopped");
        firstAttempt.TrySetResult();
    }

    private void RaiseConnected()
    {
        var handlers = Connected;
        if (handlers is null)
            return;
        // Handlers rescan; they must not hold up the connect loop nor break it by throwing.
        _ = Task.Run(() =>
        {
            try
            {
                handlers();
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A Connected handler failed");
            }
        });
    }

    private string Describe(Exception ex)
    {
        if (ex is SystemdUnreachableException)
            return ex.Message;
        var root = ex;
        while (root.InnerException is not null)
            root = root.InnerException;
        if (ex is DBusConnectFailedException || root is SocketException)
            return $"no D-Bus at {_address}: {root.Message}";
        return $"{ex.GetType().Name} while connecting to systemd at {_address}: {root.Message}";
    }

    private void SetState(SystemdConnectionState state, string? reason)
    {
        lock (_stateLock)
        {
            _state = state;
            _stateReason = reason;
        }
    }
}
