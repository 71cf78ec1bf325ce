using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Anna.Core.Events;
using Anna.Core.Notifications;
using Anna.Core.Vocabulary;
using Anna.Server.Api;
using Anna.Server.Notifications;
using Anna.Server.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Anna.Server.Tests.Notifications;

/// <summary>
/// Webhooks against real HTTP receivers on loopback: one that fails twice then accepts, one that
/// hangs, one that never answers, a closed port; signatures checked by the receiver's own HMAC;
/// deliveries kept across a restart of Anna.
/// </summary>
public sealed class WebhookTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_event_on_the_third_try_signed_and_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresFirst: 2);
        await using var anna = new WebhookAppFactory([receiver.Url("/flaky")]);
        _ = anna.CreateClient();

        Publish(anna, EngineEventKind.ActionSucceeded, "Restarted nginx.service");
        Publish(anna, EngineEventKind.IssueDetected, "not asked for: no delivery");

        var delivery = Assert.Single(await SettledAsync(anna, 1));
        Assert.Equal(("delivered", 3, "action_succeeded"), (delivery.State, delivery.Attempts, delivery.Event));
        var tries = receiver.To("/flaky");
        Assert.Equal(3, tries.Count);
        foreach (var request in tries)
        {
            // Each try is signed over its own timestamp and the same body.
            var timestamp = long.Parse(request.Headers[WebhookSignature.TimestampHeader], CultureInfo.InvariantCulture);
            Assert.True(WebhookSignature.Verify(WebhookAppFactory.Key, timestamp, request.Body, request.Headers[WebhookSignature.Header]));
            Assert.False(WebhookSignature.Verify("another-key"u8, timestamp, request.Body, request.Headers[WebhookSignature.Header]));
            Assert.Equal(delivery.Id.ToString(CultureInfo.InvariantCulture), request.Headers[WebhookSender.DeliveryHeader]);
            Assert.Equal("action_succeeded", request.Headers[WebhookSender.EventHeader]);
        }
        using var body = JsonDocument.Parse(tries[^1].Body);
        Assert.Equal(Environment.MachineName, body.RootElement.GetProperty("host").GetString());
        Assert.Equal("action_succeeded", body.RootElement.GetProperty("event").GetProperty("kind").GetString());
        Assert.Equal("Restarted nginx.service", body.RootElement.GetProperty("event").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Receivers_that_hang_never_answer_or_are_gone_end_as_dead_letters_and_hold_up_neither_the_engine_nor_the_others()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var silent = new SilentListener();
        var closed = ClosedPortUrl();
        await using var anna = new WebhookAppFactory([receiver.Url("/hang"), silent.Url, closed, receiver.Url("/ok")]);
        var client = anna.CreateClient();

        // The engine's publish returns at once (it only queues the event); the working receiver gets its
        // delivery while /hang still holds its request.
        Publish(anna, EngineEventKind.ApprovalRequested, "Approve reinstalling openssl?");
        await WaitForAsync(() => receiver.To("/ok").Count == 1 && receiver.To("/hang").Count == 1);

        var settled = await SettledAsync(anna, 4);
        Assert.Equal("delivered", Assert.Single(settled, d => d.Url == receiver.Url("/ok")).State);
        var dead = settled.Where(d => d.State == "dead").ToList();
        Assert.Equal(new[] { receiver.Url("/hang"), silent.Url, closed }.Order(StringComparer.Ordinal), dead.Select(d => d.Url).Order(StringComparer.Ordinal));
        Assert.All(dead, d => Assert.Equal(3, d.Attempts));
        Assert.All(dead, d => Assert.False(string.IsNullOrWhiteSpace(d.LastError)));
        Assert.Equal(3, receiver.To("/hang").Count);

        // The dead letters are served, and one can be sent again.
        var letters = await client.GetFromJsonAsync<List<WebhookDeliveryDto>>("/api/v1/webhooks/deliveries?state=dead");
        Assert.Equal(dead.Select(d => d.Id).Order(), letters!.Select(d => d.Id).Order());
        var hang = dead.Single(d => d.Url == receiver.Url("/hang"));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/v1/webhooks/deliveries/{hang.Id}/retry", null)).StatusCode);
        await WaitForAsync(() => receiver.To("/hang").Count == 4);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/webhooks/deliveries/{settled.Single(d => d.State == "delivered").Id}/retry", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/webhooks/deliveries?state=lost")).StatusCode);
    }

    [Fact]
    public async Task A_delivery_not_made_when_Anna_stops_is_made_after_it_starts_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresFirst: 0);
        receiver.Refusing = true;
        var root = Directory.CreateTempSubdirectory("anna-webhooks-restart-");
        try
        {
            long id;
            await using (var first = new WebhookAppFactory([receiver.Url("/flaky")], root, maxAttempts: 20, ownsRoot: false))
            {
                _ = first.CreateClient();
                Publish(first, EngineEventKind.ActionSucceeded, "Cleared 1.2 GB of package cache");
                await WaitForAsync(() => receiver.To("/flaky").Count >= 1);
                id = Assert.Single(await DeliveriesAsync(first)).Id;
            }
            var refusedBefore = receiver.To("/flaky").Count;
            receiver.Refusing = false;

            await using var second = new WebhookAppFactory([receiver.Url("/flaky")], root, maxAttempts: 20, ownsRoot: false);
            _ = second.CreateClient();

            var delivery = Assert.Single(await SettledAsync(second, 1));
            Assert.Equal((id, "delivered"), (delivery.Id, delivery.State));
            var last = receiver.To("/flaky")[^1];
            Assert.Equal(id.ToString(CultureInfo.InvariantCulture), last.Headers[WebhookSender.DeliveryHeader]);
            Assert.Contains("Cleared 1.2 GB of package cache", System.Text.Encoding.UTF8.GetString(last.Body), StringComparison.Ordinal);
            Assert.Equal(refusedBefore + 1, receiver.To("/flaky").Count);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void Publish(WebhookAppFactory anna, EngineEventKind kind, string message) =>
        anna.Services.GetRequiredService<EngineEventFeed>().Publish(new EngineEvent(kind, DateTimeOffset.UtcNow, message));

    private static async Task<IReadOnlyList<WebhookDeliveryDto>> DeliveriesAsync(WebhookAppFactory anna) =>
        [.. (await anna.Services.GetRequiredService<EfWebhookOutbox>().ListAsync(null, 1, 100, CancellationToken.None)).Select(WebhookDeliveryDto.From)];

    /// <summary>Waits until <paramref name="count"/> deliveries exist and none is pending.</summary>
    private static async Task<IReadOnlyList<WebhookDeliveryDto>> SettledAsync(WebhookAppFactory anna, int count)
    {
        IReadOnlyList<WebhookDeliveryDto> deliveries = [];
        await WaitForAsync(async () =>
        {
            deliveries = await DeliveriesAsync(anna);
            return deliveries.Count == count && deliveries.All(d => d.State != "pending");
        });
        return deliveries;
    }

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Patience)
                throw new TimeoutException("the webhook deliveries did not settle in time");
            await Task.Delay(50);
        }
    }

    /// <summary>A loopback port nobody listens on: connections are refused.</summary>
    private static string ClosedPortUrl()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/gone";
    }
}
