using Anna.Core.Events;
using Anna.Server.Notifications;

namespace Anna.Server.Hubs;

/// <summary>
/// The newest engine events, numbered, for clients that follow them without SignalR — <c>annactl
/// watch</c> over the socket (GET /api/v1/events long-polls it). The same events the hub pushes.
/// </summary>
public sealed class EventLog(EngineEventFeed feed) : IHostedService
{
    public const int Kept = 500;

    private IDisposable? _subscription;

    public FollowLog<NumberedEventDto> Log { get; } = new(Kept);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(e => Log.Post(id => new NumberedEventDto(id, EngineEventDto.From(e))));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
