using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Anna.Server.Hosting.Journal;

/// <summary>
/// Sends log entries to journald's native socket. The socket never blocks: an entry journald
/// cannot take at once is dropped and counted, so a stalled journal never stalls a heal.
/// </summary>
internal sealed class JournalLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, JournalLogger> _loggers = new(StringComparer.Ordinal);
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified) { Blocking = false };
    private readonly UnixDomainSocketEndPoint _journal;
    private long _dropped;

    public JournalLoggerProvider(string socketPath, string identifier = "anna")
    {
        _journal = new UnixDomainSocketEndPoint(socketPath);
        Identifier = identifier;
    }

    public string Identifier { get; }

    /// <summary>Entries journald could not take (full, gone, or too large).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, name => new JournalLogger(name, this));

    public void Send(byte[] datagram)
    {
        try
        {
            _socket.SendTo(datagram, _journal);
        }
        catch (SocketException)
        {
            Interlocked.Increment(ref _dropped);
        }
        catch (ObjectDisposedException)
        {
            // Logging during shutdown, after the provider was disposed.
        }
    }

    public void Dispose() => _socket.Dispose();
}
