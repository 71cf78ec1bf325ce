using System.Net.Sockets;

namespace Anna.Testing;

/// <summary>An HttpClient that talks to Anna over its Unix socket, as annactl does: the peer's uid is who asks.</summary>
public static class UnixSocketHttp
{
    public static HttpClient Create(string socketPath, TimeSpan? timeout = null) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri("http://localhost/"),
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
    };
}
