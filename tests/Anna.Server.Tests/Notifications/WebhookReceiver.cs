using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Anna.Server.Tests.Notifications;

/// <summary>
/// A real HTTP server on loopback that receives webhooks: <c>/ok</c> answers 200; <c>/flaky</c>
/// answers 503 to its first <see cref="FailuresFirst"/> requests, then 200, or 503 for as long as
/// <see cref="Refusing"/>; <c>/hang</c> never answers (until disposed). Every request is recorded.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _closing = new();
    private int _flakyCalls;

    private WebhookReceiver(WebApplication app) => _app = app;

    public int FailuresFirst { get; init; } = 2;

    /// <summary>While true, /flaky answers 503 whatever <see cref="FailuresFirst"/> says.</summary>
    public volatile bool Refusing;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public string Url(string path) => BaseUrl + path;

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At);

    public static async Task<WebhookReceiver> StartAsync(int failuresFirst = 2)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app) { FailuresFirst = failuresFirst };
        app.MapPost("/ok", async (HttpContext context) => { await receiver.RecordAsync(context); return Results.Ok(); });
        app.MapPost("/flaky", async (HttpContext context) =>
        {
            await receiver.RecordAsync(context);
            var call = Interlocked.Increment(ref receiver._flakyCalls);
            return receiver.Refusing || call <= receiver.FailuresFirst ? Results.StatusCode(503) : Results.Ok();
        });
        app.MapPost("/hang", async (HttpContext context) =>
        {
            await receiver.RecordAsync(context);
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, receiver._closing.Token).Token)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public IReadOnlyList<Received> To(string path) => [.. Requests.Where(r => r.Path == path)];

    private async Task RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new Received(context.Request.Path, headers, body.ToArray(), DateTimeOffset.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _closing.Dispose();
    }
}
