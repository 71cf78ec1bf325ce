using System.Threading.Channels;
using Anna.Core.Events;
using Microsoft.AspNetCore.SignalR;

namespace Anna.Server.Hubs;

/// <summary>
/// Forwards every engine event to all hub clients, in order, from its own loop. The engine publishes
/// on the heal's own path (an issue detected, an action started, before the restart is asked for), and
/// a push writes the message into every client's connection: with hundreds of dashboards open that is
/// hundreds of writes, which the heal must not wait for. The queue is bounded; should the loop fall that
/// far behind, the newest events are dropped and counted (a client sees what it missed on its next page load).
/// </summary>
public sealed class HubEventBridge(EngineEventFeed feed, IHubContext<AnnaHub, IAnnaClient> hub, ILogger<HubEventBridge> logger) : BackgroundService
{
    public const int Capacity = 10_000;

    private readonly Channel<EngineEvent> _events = Channel.CreateBounded<EngineEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private IDisposable? _subscription;
    private long _dropped;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(OnEvent);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _events.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private void OnEvent(EngineEvent e)
    {
        if (_events.Writer.TryWrite(e))
            return;
        var dropped = Interlocked.Increment(ref _dropped);
        logger.LogWarning("Live push queue full ({Capacity} events): dropped {Kind} ({Dropped} dropped so far)", Capacity, e.Kind, dropped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Each push is started here, in order, and not awaited: one slow client's full connection
        // must not hold back the events of all the others (each connection keeps its own order).
        await foreach (var e in _events.Reader.ReadAllAsync(stoppingToken))
            _ = PushAsync(e);
    }

    private async Task PushAsync(EngineEvent e)
    {
        try
        {
            await hub.Clients.All.EngineEvent(EngineEventDto.From(e));
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not push {Kind} to hub clients", e.Kind);
        }
    }
}
