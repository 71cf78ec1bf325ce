using System.Net.Sockets;
using Anna.Server.Security;

namespace Anna.Server.Tests.Security;

/// <summary>On stop the socket goes, and the directory Anna made for it when nothing else is there; other files stay.</summary>
public sealed class UnixSocketDoorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("anna-socket-door-");

    public void Dispose() => _root.Delete(recursive: true);

    private static void Bind(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path)); // leaves the socket file behind, as a stopped listener does
    }

    [Fact]
    public void The_socket_and_the_directory_Anna_made_are_removed_on_stop()
    {
        var path = Path.Combine(_root.FullName, "run", "anna.sock");
        UnixSocketDoor.Prepare(path);
        Bind(path);

        UnixSocketDoor.Release(path, madeDirectory: true);

        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void A_directory_Anna_did_not_make_or_that_holds_more_stays_and_a_file_that_is_no_socket_is_never_removed()
    {
        var path = Path.Combine(_root.FullName, "anna.sock");
        Bind(path);
        UnixSocketDoor.Release(path, madeDirectory: false);
        Assert.False(File.Exists(path));
        Assert.True(_root.Exists);

        var other = Path.Combine(_root.FullName, "shared", "anna.sock");
        Directory.CreateDirectory(Path.GetDirectoryName(other)!);
        File.WriteAllText(other, "not a socket");
        UnixSocketDoor.Release(other, madeDirectory: true);
        Assert.True(File.Exists(other));
    }
}
