using System.Net.Sockets;

namespace Anna.Server.Security;

/// <summary>
/// The Unix socket door (host setting <c>Anna:Socket</c>): like the D-Bus system bus, anyone on
/// the machine may connect, and the peer's credentials decide what they may do. Before Kestrel
/// binds it, the directory is made (root-owned, 0755) and a stale socket left by a dead Anna is
/// removed — but a socket another running Anna answers on is never taken over, and anything that
/// is not a socket is never removed. Once bound, the socket is opened to every local user (0666).
/// On stop, <see cref="Release"/> removes the socket, and the directory too when Anna made it and
/// nothing else is in it (a demo run leaves no empty /run/anna behind).
/// </summary>
public static class UnixSocketDoor
{
    /// <summary>The Kestrel URL for <paramref name="path"/>, after making its place ready.</summary>
    /// <exception cref="InvalidOperationException">The path holds something that must not be removed.</exception>
    public static string Prepare(string path)
    {
        if (!Path.IsPathFullyQualified(path))
            throw new InvalidOperationException($"Anna:Socket must be an absolute path, not '{path}'");
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var existing = new FileInfo(path);
        if (existing.Exists || existing.LinkTarget is not null)
        {
            if (existing.LinkTarget is not null || !IsSocket(path))
                throw new InvalidOperationException($"{path} exists and is not a socket; Anna will not remove it");
            if (Answers(path))
                throw new InvalidOperationException($"another Anna is already answering on {path}");
            File.Delete(path);
        }
        return $"http://unix:{path}";
    }

    /// <summary>
    /// After Anna stopped: its socket goes (only a socket, never another kind of file), and the
    /// directory when <paramref name="madeDirectory"/> and it is empty. Never throws: stopping goes on.
    /// </summary>
    public static void Release(string path, bool madeDirectory)
    {
        try
        {
            if (IsSocket(path))
                File.Delete(path);
            var directory = Path.GetDirectoryName(path)!;
            if (madeDirectory && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                Directory.Delete(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next start, which removes a stale socket anyway.
        }
    }

    /// <summary>Lets every local user connect: the peer's uid decides, not the file's mode.</summary>
    public static void OpenToLocalUsers(string path) =>
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);

    private static bool IsSocket(string path)
    {
        // lstat(2): the file's own type, not a link's target. st_mode sits at offset 24 on x86-64
        // and 16 on arm64 (struct stat differs); S_IFSOCK is 0140000.
        var buffer = new byte[256];
        if (Lstat(path, buffer) != 0)
            return false;
        var offset = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? 16 : 24;
        var mode = BitConverter.ToUInt32(buffer, offset);
        return (mode & 0xF000) == 0xC000;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    private static extern int Lstat([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    private static bool Answers(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
