using System.Text.Json;
using System.Threading.Channels;
using Anna.Core.Events;
using Anna.Core.Policy;
using Anna.Core.Vocabulary;
using Anna.Server.Hubs;
using Anna.Server.Persistence;

namespace Anna.Server.Notifications;

/// <summary>
/// Takes the events webhooks want off the engine's feed and writes one delivery per URL to the
/// store, then wakes the sender. The feed's listener only puts the event into a bounded queue, so
/// a slow disk or receiver never holds up healing; when the queue is full (a storm of events), the
/// newest is dropped and counted in the log rather than blocking the engine.
/// </summary>
public sealed class WebhookQueue(
    EngineEventFeed feed,
    IHealingConfig config,
    EfWebhookOutbox outbox,
    WebhookSender sender,
    TimeProvider time,
    ILogger<WebhookQueue> logger) : BackgroundService
{
    public const int Capacity = 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Channel<EngineEvent> _events = Channel.CreateBounded<EngineEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _dropped;

    private IDisposable? _subscription;

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
        var webhook = config.Current.Notifications.Webhook;
        if (webhook.Urls.Count == 0 || !webhook.Events.Contains(EnumNames<EngineEventKind>.ToName(e.Kind), StringComparer.Ordinal))
            return;
        if (_events.Writer.TryWrite(e))
            return;
        var dropped = Interlocked.Increment(ref _dropped);
        logger.LogWarning("Webhook queue full ({Capacity} events): dropped {Kind} ({Dropped} dropped so far)", Capacity, e.Kind, dropped);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var e in _events.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await EnqueueAsync(e, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not store the webhook deliveries of {Kind}", e.Kind);
            }
        }
    }

    private async Task EnqueueAsync(EngineEvent e, CancellationToken cancellationToken)
    {
        var urls = config.Current.Notifications.Webhook.Urls;
        if (urls.Count == 0)
            return;
        var body = JsonSerializer.Serialize(new WebhookBody(Environment.MachineName, EngineEventDto.From(e)), Json);
        var now = time.GetUtcNow();
        var kind = EnumNames<EngineEventKind>.ToName(e.Kind);
        await outbox.AddAsync([.. urls.Select(url => new WebhookDeliveryRow
        {
            Url = url,
            Event = kind,
            Body = body,
            CreatedAt = now,
            State = WebhookDeliveryState.Pending,
        })], cancellationToken);
        sender.Wake();
    }
}
