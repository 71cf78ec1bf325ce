using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Anna.Core.Notifications;
using Anna.Core.Policy;
using Anna.Server.Persistence;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Anna.Server.Notifications;

/// <summary>
/// Posts pending webhook deliveries, a few at a time, each through a resilience pipeline made from
/// the policy in force: a deadline per try (timeout_seconds) and up to max_attempts tries with
/// growing, jittered pauses for what may pass (5xx, 408, 429, a refused or dropped connection, a
/// try past its deadline). A delivery that still fails is a dead letter, kept with its last error.
/// One stuck receiver holds only its own deliveries: the others go on. When Anna stops, unfinished
/// deliveries stay pending and are sent after the restart (receivers dedupe by X-Anna-Delivery).
/// </summary>
public sealed class WebhookSender(
    EfWebhookOutbox outbox,
    IHttpClientFactory clients,
    IHealingConfig config,
    TimeProvider time,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string ClientName = "webhooks";
    public const string DeliveryHeader = "X-Anna-Delivery";
    public const string EventHeader = "X-Anna-Event";

    private const int Parallel = 4;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan KeepDelivered = TimeSpan.FromDays(7);

    private readonly Channel<byte> _wake = Channel.CreateBounded<byte>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _slots = new(Parallel, Parallel);
    private readonly HashSet<long> _inFlight = [];
    private readonly Lock _gate = new();

    /// <summary>There is something new to send.</summary>
    public void Wake() => _wake.Writer.TryWrite(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() >= nextPrune)
                {
                    await outbox.PruneDeliveredAsync(time.GetUtcNow() - KeepDelivered, stoppingToken);
                    nextPrune = time.GetUtcNow() + TimeSpan.FromHours(1);
                }
                foreach (var delivery in await outbox.PendingAsync(InFlight(), 4 * Parallel, stoppingToken))
                {
                    await _slots.WaitAsync(stoppingToken);
                    lock (_gate)
                        _inFlight.Add(delivery.Id);
                    _ = Task.Run(() => SendAsync(delivery, stoppingToken), CancellationToken.None);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not read the webhook deliveries; trying again in {Idle}", Idle);
            }
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            idle.CancelAfter(Idle);
            try
            {
                await _wake.Reader.ReadAsync(idle.Token);
            }
            catch (OperationCanceledException)
            {
                // Idle time passed (or Anna stops: the loop condition says which).
            }
        }
    }

    private IReadOnlyCollection<long> InFlight()
    {
        lock (_gate)
            return [.. _inFlight];
    }

    private async Task SendAsync(WebhookDeliveryRow delivery, CancellationToken stoppingToken)
    {
        try
        {
            var (state, attempts, error) = await DeliverAsync(delivery, stoppingToken);
            await outbox.FinishAsync(delivery.Id, state, attempts, error, time.GetUtcNow(), CancellationToken.None);
            if (state == WebhookDeliveryState.Dead)
                logger.LogWarning("Webhook delivery #{Id} ({Event}) to {Url} failed {Attempts} time(s) and is a dead letter: {Error}",
                    delivery.Id, delivery.Event, delivery.Url, attempts, error);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Anna stops: the delivery stays pending and is sent after the restart.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Webhook delivery #{Id} could not be recorded; it stays pending", delivery.Id);
        }
        finally
        {
            lock (_gate)
                _inFlight.Remove(delivery.Id);
            _slots.Release();
            Wake();
        }
    }

    private async Task<(WebhookDeliveryState State, int Attempts, string? Error)> DeliverAsync(WebhookDeliveryRow delivery, CancellationToken stoppingToken)
    {
        var options = config.Current.Notifications.Webhook;
        byte[]? key = null;
        if (options.SecretFile.Length > 0 && (key = WebhookSecret.Read(options.SecretFile, out var problem)) is null)
            return (WebhookDeliveryState.Dead, 0, problem);

        var client = clients.CreateClient(ClientName);
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        var attempts = 0;
        try
        {
            using var response = await Pipeline(options).ExecuteAsync(async token =>
            {
                attempts++;
                using var request = Request(delivery, body, key);
                return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }, stoppingToken);
            return response.IsSuccessStatusCode
                ? (WebhookDeliveryState.Delivered, attempts, null)
                : (WebhookDeliveryState.Dead, attempts, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested && ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException or OperationCanceledException)
        {
            return (WebhookDeliveryState.Dead, attempts, ex.Message);
        }
    }

    private static HttpRequestMessage Request(WebhookDeliveryRow delivery, byte[] body, byte[]? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(EventHeader, delivery.Event);
        if (key is not null)
        {
            // Signed at each try: the timestamp says when this try was made.
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(key, timestamp, body));
        }
        return request;
    }

    /// <summary>Made from the policy in force for each delivery, so an edit of healing.toml applies to the next one.</summary>
    private static ResiliencePipeline<HttpResponseMessage> Pipeline(WebhookOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstPause,
                MaxDelay = LongestPause,
                // The pauses are Anna's: a receiver's Retry-After cannot park a delivery for hours.
                ShouldRetryAfterHeader = false,
                // A failed try's response is not read again: free its connection before the next.
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) });
        return builder.Build();
    }
}
