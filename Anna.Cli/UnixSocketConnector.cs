using System.Net.Sockets;

namespace Anna.Cli;

/// <summary>HTTP over a Unix socket: every connection of the handler goes to <c>path</c>.</summary>
public static class UnixSocketConnector
{
    public static SocketsHttpHandler Handler(string path) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
