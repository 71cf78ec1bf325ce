using Tmds.DBus.Protocol;

namespace Anna.Core.Linux.Systemd;

/// <summary>
/// One live connection to systemd: the bus connection, the owner of org.freedesktop.systemd1 it
/// talks to, the signal matches and the jobs waiting on it. When systemd leaves the bus (re-exec,
/// restart) or the connection closes, <see cref="Lost"/> completes and the whole session is thrown
/// away; the manager opens a fresh one rather than patching this one up.
/// </summary>
internal sealed class SystemdSession : IDisposable
{
    private readonly DBusConnection _connection;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TaskCompletionSource<string> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SystemdSession(DBusConnection connection) => _connection = connection;

    public DBusConnection Connection => _connection;

    public PendingJobs Jobs { get; } = new();

    /// <summary>Completes, with the reason in words, when this session can no longer see systemd.</summary>
    public Task<string> Lost => _lost.Task;

    public static async Task<SystemdSession> OpenAsync(string address, Action<SystemdSession, UnitStateSignal> onUnitState, CancellationToken cancellationToken)
    {
        var connection = new DBusConnection(address);
        var session = new SystemdSession(connection);
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
            await session.AttachAsync(address, onUnitState, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private async Task AttachAsync(string address, Action<SystemdSession, UnitStateSignal> onUnitState, CancellationToken cancellationToken)
    {
        var owners = await _connection.WatchNameOwnerAsync(SystemdBus.Service).WaitAsync(cancellationToken).ConfigureAwait(false);
        _subscriptions.Add(owners);
        var owner = owners.GetCurrentOwner()
            ?? throw new SystemdUnreachableException($"systemd ({SystemdBus.Service}) is not on the bus at {address}");
        // Matching on systemd's unique name makes signals from any other peer impossible to
        // mistake for systemd's, and a new systemd instance gets a new session anyway.
        var systemd = NameOwnerWatcher.GetOwnerBusName(owner);

        owners.GetOwnerChangedCancellationToken(owner).Register(
            static s => ((SystemdSession)s!)._lost.TrySetResult($"systemd ({SystemdBus.Service}) left the bus or was restarted"), this);
        _ = WatchDisconnectAsync();

        _subscriptions.Add(await _connection.AddMatchAsync(
            new MatchRule
            {
                Type = MessageType.Signal,
                Sender = systemd,
                Interface = SystemdBus.PropertiesInterface,
                Member = "PropertiesChanged",
                PathNamespace = SystemdBus.UnitPathPrefix,
                Arg0 = SystemdBus.UnitInterface,
            },
            SystemdSignals.ReadUnitStateChange,
            (Notification<UnitStateSignal?> n) =>
            {
                if (n.HasValue && n.Value is { } change)
                    onUnitState(this, change);
            },
            emitOnCapturedContext: false,
            ObserverFlags.None).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false));

        _subscriptions.Add(await _connection.AddMatchAsync(
            new MatchRule
            {
                Type = MessageType.Signal,
                Sender = systemd,
                Interface = SystemdBus.ManagerInterface,
                Member = "JobRemoved",
                Path = SystemdBus.ManagerPath,
            },
            SystemdSignals.ReadJobRemoved,
            (Notification<(string JobPath, string Result)> n) =>
            {
                if (n.HasValue)
                    Jobs.Complete(n.Value.JobPath, n.Value.Result);
            },
            emitOnCapturedContext: false,
            ObserverFlags.None).AsTask().WaitAsync(cancellationToken).ConfigureAwait(false));

        // Matches first, then Subscribe: nothing systemd emits after Subscribe can be missed.
        await SystemdCalls.SubscribeAsync(_connection).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WatchDisconnectAsync()
    {
        var reason = await _connection.DisconnectedAsync().ConfigureAwait(false);
        _lost.TrySetResult(reason is null ? "the bus connection was closed" : $"the bus connection closed: {reason.Message}");
    }

    public void Dispose()
    {
        _lost.TrySetResult("the session was closed");
        Jobs.FailAll(new InvalidOperationException("the connection to systemd was lost before the job finished"));
        foreach (var subscription in _subscriptions)
        {
            try
            {
                subscription.Dispose();
            }
            catch (ObjectDisposedException)
            {
                // The connection already went away; nothing is left to unsubscribe from.
            }
        }
        _connection.Dispose();
    }
}
