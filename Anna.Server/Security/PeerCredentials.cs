using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections.Features;

namespace Anna.Server.Security;

/// <summary>
/// The uid of the process at the other end of a Unix socket connection, from the kernel
/// (<c>SO_PEERCRED</c>): what it was when it connected, whatever the client says afterwards.
/// </summary>
public static class PeerCredentials
{
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The peer's uid when the request came over a Unix socket; null for TCP or an in-memory test server.</summary>
    public static uint? UidOf(HttpContext context)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is not { AddressFamily: AddressFamily.Unix })
            return null;
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> ucred = stackalloc byte[12];
        var length = socket.GetRawSocketOption(SolSocket, SoPeerCred, ucred);
        return length == 12 ? MemoryMarshal.Read<uint>(ucred[4..8]) : null;
    }
}
