using Microsoft.Extensions.Logging;

namespace Anna.Core.Events;

/// <summary>
/// Fan-out of engine events to in-process listeners. Listeners run on the publisher's thread, so
/// they must be quick and hand real work elsewhere (Blazor: InvokeAsync; hubs: fire and forget).
/// A throwing listener is logged and does not stop the others.
/// </summary>
public sealed class EngineEventFeed(ILogger<EngineEventFeed> logger)
{
    private readonly Lock _gate = new();
    private ImmutableListeners _listeners = ImmutableListeners.Empty;

    public IDisposable Subscribe(Action<EngineEvent> listener)
    {
        lock (_gate)
            _listeners = _listeners.Add(listener);
        return new Subscription(this, listener);
    }

    public void Publish(EngineEvent engineEvent)
    {
        foreach (var listener in _listeners.Items)
        {
            try
            {
                listener(engineEvent);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "An engine event listener failed on {Kind}", engineEvent.Kind);
            }
        }
    }

    private void Unsubscribe(Action<EngineEvent> listener)
    {
        lock (_gate)
            _listeners = _listeners.Remove(listener);
    }

    private sealed record ImmutableListeners(Action<EngineEvent>[] Items)
    {
        public static readonly ImmutableListeners Empty = new([]);

        public ImmutableListeners Add(Action<EngineEvent> l) => new([.. Items, l]);

        public ImmutableListeners Remove(Action<EngineEvent> l) => new(Items.Where(x => x != l).ToArray());
    }

    private sealed class Subscription(EngineEventFeed feed, Action<EngineEvent> listener) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(listener);
    }
}
