using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Anna.Bench;

/// <summary>
/// Dashboard-like live clients: SignalR connections to Anna's hub over its socket, each receiving
/// every engine event pushed (the dashboard's Overview listens to the same). Server-sent events,
/// the transport that works through a plain HTTP handler on a Unix socket.
/// </summary>
internal sealed class LiveClients : IAsyncDisposable
{
    private readonly List<HubConnection> _connections = [];
    private long _received;

    /// <summary>Events received, summed over all clients.</summary>
    public long Received => Interlocked.Read(ref _received);

    public int Connected => _connections.Count(c => c.State == HubConnectionState.Connected);

    public static async Task<LiveClients> ConnectAsync(string socketPath, int count, CancellationToken cancellationToken)
    {
        var clients = new LiveClients();
        for (var i = 0; i < count; i++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl("http://localhost/hubs/anna", options =>
                {
                    options.Transports = HttpTransportType.ServerSentEvents;
                    options.HttpMessageHandlerFactory = _ => Anna.Cli.UnixSocketConnector.Handler(socketPath);
                })
                .Build();
            // The payload is not read: a client that receives is what is measured.
            connection.On<object>("EngineEvent", _ => Interlocked.Increment(ref clients._received));
            await connection.StartAsync(cancellationToken);
            clients._connections.Add(connection);
        }
        return clients;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
            await connection.DisposeAsync();
    }
}
