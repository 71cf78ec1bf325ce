using System.Net;
using System.Net.Sockets;

namespace Anna.Server.Tests.Notifications;

/// <summary>A TCP port that accepts connections and never says a word: a receiver that never answers.</summary>
public sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];
    private readonly CancellationTokenSource _closing = new();

    public SilentListener()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/silent";

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_closing.Token);
                lock (_accepted)
                    _accepted.Add(socket);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _listener.Stop();
        lock (_accepted)
            _accepted.ForEach(s => s.Dispose());
        _closing.Dispose();
    }
}
