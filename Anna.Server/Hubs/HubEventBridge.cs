using Anna.Core.Events;
using Microsoft.AspNetCore.SignalR;

namespace Anna.Server.Hubs;

/// <summary>Forwards every engine event to all hub clients, without blocking the publisher.</summary>
public sealed class HubEventBridge(EngineEventFeed feed, IHubContext<AnnaHub, IAnnaClient> hub, ILogger<HubEventBridge> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(e => _ = PushAsync(e));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
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
