using System.Collections.Concurrent;
using System.Diagnostics;

namespace Anna.Bench;

/// <summary>
/// REST load on Anna over its socket: <c>GET /api/v1/health</c> and <c>GET /api/v1/history</c> in turn
/// at a fixed total rate over several connections, plus a state-changing call
/// (<c>POST /api/v1/healing/enable</c>, audited each time) at a lower rate. Open-loop: each connection
/// sends on its own schedule whether or not the previous answer was slow, so a stall shows up as
/// latency instead of quietly lowering the load; a request that cannot start on time starts late and
/// its latency counts from its planned start (one the timer wakes a little early counts from its send).
/// </summary>
internal sealed class ApiLoad(HttpClient[] connections, double readsPerSecond, double writesPerSecond)
{
    /// <summary>
    /// Sockets one load client may hold: requests beyond them wait in the client, and their wait counts.
    /// Eight clients then stay well within Anna's 1,000 connections a door with the live clients beside them.
    /// </summary>
    public const int SocketsPerClient = 64;

    /// <summary>
    /// One load client over Anna's socket. Its sockets are bounded: an unbounded client opens a new
    /// socket for every request that finds none free, so a stall of a second or two turns "8
    /// connections" into a thousand and the load stops being what it says.
    /// </summary>
    public static HttpClient Client(string socketPath)
    {
        var handler = Anna.Cli.UnixSocketConnector.Handler(socketPath);
        handler.MaxConnectionsPerServer = SocketsPerClient;
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    private readonly ConcurrentBag<(string Kind, double Ms)> _latencies = [];
    private readonly ConcurrentDictionary<string, int> _errorsByCause = new();
    private long _errors;
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Each failure by its request and cause ("write 429", "history TaskCanceledException"), so an error can be followed up.</summary>
    public string ErrorCauses => string.Join(", ", _errorsByCause.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value} {e.Key}"));

    public IEnumerable<double> Latencies(string kind) => _latencies.Where(l => l.Kind == kind).Select(l => l.Ms);

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var perConnection = readsPerSecond / connections.Length;
        var workers = connections.Select((http, i) => LoopAsync(http, perConnection, i, reads: true, cancellationToken)).ToList();
        workers.Add(LoopAsync(connections[0], writesPerSecond, 0, reads: false, cancellationToken));
        return Task.WhenAll(workers);
    }

    private async Task LoopAsync(HttpClient http, double perSecond, int offset, bool reads, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        for (long n = offset; !cancellationToken.IsCancellationRequested; n++)
        {
            var planned = interval * (n - offset);
            var wait = planned - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            var (kind, request) = reads
                ? n % 2 == 0 ? ("health", new HttpRequestMessage(HttpMethod.Get, "/api/v1/health")) : ("history", new HttpRequestMessage(HttpMethod.Get, "/api/v1/history?page=1&pageSize=20"))
                : ("write", new HttpRequestMessage(HttpMethod.Post, "/api/v1/healing/enable"));
            var sent = clock.Elapsed;
            inFlight.Add(SendAsync(http, kind, request, clock, sent < planned ? sent : planned));
            inFlight.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(HttpClient http, string kind, HttpRequestMessage request, Stopwatch clock, TimeSpan from)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (!response.IsSuccessStatusCode)
                    Failed(kind, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Failed(kind, ex.GetType().Name);
            }
        }
        Interlocked.Increment(ref _requests);
        _latencies.Add((kind, (clock.Elapsed - from).TotalMilliseconds));
    }

    private void Failed(string kind, string cause)
    {
        Interlocked.Increment(ref _errors);
        _errorsByCause.AddOrUpdate($"{kind} {cause}", 1, (_, n) => n + 1);
    }
}
