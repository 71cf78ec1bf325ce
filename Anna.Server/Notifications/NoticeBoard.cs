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
/// <see cref="Kept"/> are kept in memory for <c>annactl notify</c> agents to follow (<see cref="Log"/>).
/// </summary>
public sealed class NoticeBoard(EngineEventFeed feed, IHealingConfig config) : IHostedService
{
    public const int Kept = 200;

    private readonly ConcurrentDictionary<Guid, List<HistoryEntry>> _running = new();
    private IDisposable? _subscription;

    public FollowLog<DesktopNotice> Log { get; } = new(Kept);

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
                        Log.Post(id => DesktopNotices.ForSession(id, record, [.. done], desktop.Urgency));
                }
                break;
            case EngineEventKind.ApprovalRequested when desktop.Approvals && e.ApprovalId is { } approval && e.Entry is { } waiting:
                Log.Post(id => DesktopNotices.ForApproval(id, approval, waiting, e.Message.Split(" — ", 2)[0], desktop.Urgency));
                break;
        }
    }

}
