using Microsoft.Extensions.Logging;
using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// <see cref="ISystemdManager"/> over D-Bus. A background loop keeps one <see cref="SystemdSession"/>
/// alive and replaces it, with backoff, whenever the bus or systemd goes away. Unit state changes
/// arrive as PropertiesChanged signals and go straight into a channel: the library's receive thread
/// never waits on Anna.
/// </summary>
public sealed partial class SystemdDbusManager : ISystemdManager
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly string _busSetting;
    private readonly string? _address;
    private readonly ILogger<SystemdDbusManager> _logger;
    private readonly TimeProvider _time;
    private readonly UnitChangeFeed _changes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stateLock = new();
    private SystemdConnectionState _state = SystemdConnectionState.Connecting;
    private string? _stateReason = "not started";
    private volatile SystemdSession? _session;
    private Task? _loop;

    /// <summary>
    /// How long a start, stop or restart job is waited for when the unit's own timeouts do not say
    /// (<see cref="JobDeadline"/>). A Type=oneshot unit has no start timeout by default, so without
    /// this a hanging ExecStart would hold the action — and undo and shutdown behind it — for ever.
    /// </summary>
    public static readonly TimeSpan DefaultJobDeadline = TimeSpan.FromMinutes(3);

    private readonly TimeSpan _jobDeadline;

    /// <param name="jobDeadline">How long a job is waited for when the unit's timeouts do not say; <see cref="DefaultJobDeadline"/> when null.</param>
    public SystemdDbusManager(string busAddress, ILogger<SystemdDbusManager> logger, TimeProvider timeProvider, TimeSpan? jobDeadline = null)
    {
        _jobDeadline = jobDeadline ?? DefaultJobDeadline;
        _busSetting = busAddress;
        _address = SystemdBus.ResolveAddress(busAddress);
        _logger = logger;
        _time = timeProvider;
        _changes = new UnitChangeFeed(logger, timeProvider);
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

    public IAsyncEnumerable<UnitChange> WatchAsync(CancellationToken cancellationToken) => _changes.ReadAllAsync(cancellationToken);

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
        _changes.Complete();
        _stopping.Dispose();
    }

    private Task<string> RunJobAsync(string method, UnitName name, CancellationToken cancellationToken) =>
        CallAsync($"{method} {name}", async connection =>
        {
            var jobs = RequireSession().Jobs;
            var deadline = await DeadlineAsync(connection, method, name, cancellationToken).ConfigureAwait(false);
            using var call = jobs.BeginCall();
            var jobPath = await SystemdCalls.ManagerJobAsync(connection, method, name.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await jobs.WaitAsync(jobPath).WaitAsync(deadline, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The job stays with systemd (it may still finish); the action reports it as not done.
                LogJobDeadline(_logger, method, name.Value, deadline.TotalSeconds);
                return JobDeadlineResult;
            }
            finally
            {
                jobs.Forget(jobPath);
            }
        });

    /// <summary>The job's deadline from the service's own timeouts (<see cref="JobDeadline"/>); the fallback for other units or when they cannot be read.</summary>
    private async Task<TimeSpan> DeadlineAsync(DBusConnection connection, string method, UnitName name, CancellationToken cancellationToken)
    {
        if (!UnitStatusReader.IsService(name))
            return JobDeadline.For(method, null, null, _jobDeadline);
        try
        {
            var path = await SystemdCalls.LoadUnitAsync(connection, name.Value).WaitAsync(cancellationToken).ConfigureAwait(false);
            var service = await SystemdCalls.GetAllPropertiesAsync(connection, path, SystemdBus.ServiceInterface).WaitAsync(cancellationToken).ConfigureAwait(false);
            return JobDeadline.For(method, Timeout(service, "TimeoutStartUSec"), Timeout(service, "TimeoutStopUSec"), _jobDeadline);
        }
        catch (DBusErrorReplyException)
        {
            return JobDeadline.For(method, null, null, _jobDeadline); // the job call says what is wrong with the unit
        }

        static TimeSpan? Timeout(Dictionary<string, VariantValue> properties, string key) =>
            properties.TryGetValue(key, out var value) && value.Type == VariantValueType.UInt64 ? JobDeadline.FromMicroseconds(value.GetUInt64()) : null;
    }

    /// <summary>What a job waited for past the deadline returns instead of systemd's own result.</summary>
    public const string JobDeadlineResult = "timeout (Anna stopped waiting for systemd's job)";

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Unit}: systemd's job did not finish within {Seconds} s; Anna stopped waiting, the job is left to systemd")]
    private static partial void LogJobDeadline(ILogger logger, string method, string unit, double seconds);

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
                session = await SystemdSession.OpenAsync(_address, _changes.OnUnitState, stopping).ConfigureAwait(false);
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
                var reason = ConnectFailure.Describe(ex, _address);
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

    private void SetState(SystemdConnectionState state, string? reason)
    {
        lock (_stateLock)
        {
            _state = state;
            _stateReason = reason;
        }
    }
}
