using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Anna.Testing;

/// <summary>
/// A datagram socket speaking journald's native protocol from the receiving side: what Anna sends
/// to it, read back as one field dictionary per entry.
/// </summary>
public sealed class JournalReceiver : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("anna-journal-");
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly List<IReadOnlyDictionary<string, string>> _entries = [];
    private readonly List<string> _malformed = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    public JournalReceiver()
    {
        SocketPath = Path.Combine(_directory.FullName, "socket");
        _socket.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _reading = Task.Run(ReadAsync);
    }

    public string SocketPath { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Entries()
    {
        lock (_entries)
            return [.. _entries];
    }

    /// <summary>Why each datagram that journald would refuse was refused.</summary>
    public IReadOnlyList<string> Malformed()
    {
        lock (_entries)
            return [.. _malformed];
    }

    /// <summary>Parses one datagram; throws on anything journald itself would not accept.</summary>
    public static IReadOnlyDictionary<string, string> Parse(ReadOnlySpan<byte> datagram)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!datagram.IsEmpty)
        {
            var end = datagram.IndexOfAny((byte)'=', (byte)'\n');
            if (end <= 0)
                throw new FormatException("a field without a name");
            var name = Encoding.ASCII.GetString(datagram[..end]);
            if (name.Any(c => !(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')) || name[0] == '_')
                throw new FormatException($"'{name}' is no journal field name");
            if (datagram[end] == (byte)'=')
            {
                var rest = datagram[(end + 1)..];
                var newline = rest.IndexOf((byte)'\n');
                if (newline < 0)
                    throw new FormatException($"{name}: no end of line");
                fields[name] = Encoding.UTF8.GetString(rest[..newline]);
                datagram = rest[(newline + 1)..];
            }
            else
            {
                var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(datagram.Slice(end + 1, 8));
                var value = datagram.Slice(end + 9, length);
                if (datagram[end + 9 + length] != (byte)'\n')
                    throw new FormatException($"{name}: the binary value is not followed by an end of line");
                fields[name] = Encoding.UTF8.GetString(value);
                datagram = datagram[(end + 10 + length)..];
            }
        }
        return fields;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[256 * 1024];
        while (!_stop.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            try
            {
                var entry = Parse(buffer.AsSpan(0, read));
                lock (_entries)
                    _entries.Add(entry);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                lock (_entries)
                    _malformed.Add(ex.Message);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _reading.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
        _directory.Delete(recursive: true);
    }
}
