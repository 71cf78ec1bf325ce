using System.Collections.Concurrent;
using Anna.Core.Events;
using Anna.Core.History;
using Anna.Core.Notifications;
using Anna.Core.Policy;
using Anna.Core.Vocabulary;

namespace Anna.Server.Notifications;

/// <summary>
/// The desktop notifications of this run of Anna, composed from the engine's events as they
/// happen ([notifications.desktop] says which): the actions of a session are gathered until it
/// finishes, then told in one notice; an approval request is told at once. The newest
/// <see cref="Kept"/> are kept in memory for <c>annactl notify</c> agents, which ask for what came
/// after the last one they saw and wait for the next (<see cref="WaitAsync"/>). A restart of
/// Anna starts a new <see cref="Boot"/>, so an agent knows its counter is from before.
/// </summary>
public sealed class NoticeBoard(EngineEventFeed feed, IHealingConfig config) : IHostedService
{
    public const int Kept = 200;

    private readonly Lock _gate = new();
    private readonly LinkedList<DesktopNotice> _notices = [];
    private readonly ConcurrentDictionary<Guid, List<HistoryEntry>> _running = new();
    private TaskCompletionSource _posted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;
    private IDisposable? _subscription;

    public Guid Boot { get; } = Guid.NewGuid();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(OnEvent);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The notices after <paramref name="after"/>; when there are none yet, waits up to <paramref name="wait"/> for one.</summary>
    public async Task<(long Latest, IReadOnlyList<DesktopNotice> Notices)> WaitAsync(long after, TimeSpan wait, CancellationToken cancellationToken)
    {
        Task posted;
        lock (_gate)
        {
            if (After(after) is { Count: > 0 } ready)
                return (_last, ready);
            posted = _posted.Task;
        }
        await posted.WaitAsync(wait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
            return (_last, After(after));
    }

    private List<DesktopNotice> After(long after) => [.. _notices.Where(n => n.Id > after)];

    private void OnEvent(EngineEvent e)
    {
        var desktop = config.Current.Notifications.Desktop;
        switch (e.Kind)
        {
            case EngineEventKind.ActionSucceeded or EngineEventKind.ActionFailed when e.Entry is { SessionId: { } session } entry:
                var actions = _running.GetOrAdd(session, _ => []);
                lock (actions)
                    actions.Add(entry);
                break;
            case EngineEventKind.SessionFinished when e.Session is { } record:
                var done = _running.TryRemove(record.Id, out var list) ? list : [];
                if (desktop.Sessions)
                {
                    lock (done)
                        Post(id => DesktopNotices.ForSession(id, record, [.. done], desktop.Urgency));
                }
                break;
            case EngineEventKind.ApprovalRequested when desktop.Approvals && e.ApprovalId is { } approval && e.Entry is { } waiting:
                Post(id => DesktopNotices.ForApproval(id, approval, waiting, e.Message.Split(" — ", 2)[0], desktop.Urgency));
                break;
        }
    }

    private void Post(Func<long, DesktopNotice?> compose)
    {
        TaskCompletionSource posted;
        lock (_gate)
        {
            if (compose(_last + 1) is not { } notice)
                return;
            _last = notice.Id;
            _notices.AddLast(notice);
            if (_notices.Count > Kept)
                _notices.RemoveFirst();
            posted = _posted;
            _posted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        posted.TrySetResult();
    }
}
