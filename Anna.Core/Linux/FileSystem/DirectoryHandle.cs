using Microsoft.Win32.SafeHandles;
using static Anna.Core.Linux.FileSystem.UnixCalls;

namespace Anna.Core.Linux.FileSystem;

/// <summary>
/// An open directory, reached without following any symbolic link below a trusted start, and the
/// file operations root does inside it: stat, open, create, rename, unlink, all relative to the
/// handle. A user who can write somewhere along the path can swap a directory for a link after a
/// check by path; they cannot change which directory an open handle is, so what root touches is
/// what it checked. Files it opens to change are refused when they have a second name (a hard
/// link to another file) or an owner who could not have put them there (<see cref="FileTrust"/>).
/// </summary>
public sealed class DirectoryHandle : IDisposable
{
    private readonly SafeFileHandle _handle;

    private DirectoryHandle(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The path it was reached by, for messages; never used to reach it again.</summary>
    public string Path { get; }

    /// <summary>The facts about the directory itself (its owner and mode say who can write in it).</summary>
    public UnixStat Self => UnixStat.Of(_handle);

    /// <summary>
    /// Opens <paramref name="path"/> (absolute, plain) following no symbolic link at all, from "/".
    /// For paths recorded resolved (undo): a link found on the way was put there since.
    /// </summary>
    /// <exception cref="IOException">A component is a link, is not a directory, or is missing.</exception>
    public static DirectoryHandle Open(string path) => OpenBeneath("/", path);

    /// <summary>
    /// Opens <paramref name="path"/> below <paramref name="root"/>: the root itself may be reached
    /// through links (the admin chose it), every directory below it must be a real one.
    /// </summary>
    public static DirectoryHandle OpenBeneath(string root, string path)
    {
        if (SafePath.Problem(path) is { } problem)
            throw new IOException(problem);
        if (!SafePath.IsUnder(path, root))
            throw new IOException($"{path} is not under {root}");
        var start = OpenAt(AtFdCwd, root, ReadOnly | DirectoryOnly | CloseOnExec, 0);
        if (start < 0)
            throw Failure(root, LastError);
        var handle = new SafeFileHandle(start, ownsHandle: true);
        var relative = path == root ? "" : path[(root == "/" ? 1 : root.Length + 1)..];
        return relative.Length == 0 ? new DirectoryHandle(handle, path) : Walk(handle, root, relative);
    }

    private static DirectoryHandle Walk(SafeFileHandle start, string root, string relative)
    {
        using (start)
        {
            var fd = UnixCalls.OpenBeneath(Fd(start), relative, ReadOnly | DirectoryOnly | CloseOnExec);
            if (fd >= 0)
                return new DirectoryHandle(new SafeFileHandle(fd, ownsHandle: true), Join(root, relative));
            if (fd == -1)
                throw Failure(Join(root, relative), LastError);
        }
        // No openat2: one component at a time, each opened O_NOFOLLOW|O_DIRECTORY from the one before.
        var current = new DirectoryHandle(new SafeFileHandle(OpenAt(AtFdCwd, root, ReadOnly | DirectoryOnly | CloseOnExec, 0), true), root);
        foreach (var segment in relative.Split('/'))
        {
            using var parent = current;
            current = parent.OpenDirectory(segment);
        }
        return current;
    }

    /// <summary>The directory <paramref name="name"/> inside this one, never through a link.</summary>
    public DirectoryHandle OpenDirectory(string name)
    {
        var fd = OpenAt(Fd(_handle), Name(name), ReadOnly | DirectoryOnly | NoFollow | CloseOnExec, 0);
        if (fd < 0)
            throw Failure(Join(Path, name), LastError);
        return new DirectoryHandle(new SafeFileHandle(fd, ownsHandle: true), Join(Path, name));
    }

    /// <summary>lstat of <paramref name="name"/> in this directory; null when there is none.</summary>
    public UnixStat? Stat(string name) => UnixStat.TryGetAt(Fd(_handle), Name(name));

    /// <summary>
    /// Opens the regular file <paramref name="name"/> to read, never through a link, and checks it is
    /// the one <paramref name="expected"/> describes when given. Reading a file does not change it,
    /// so link count and owner are not checked here (see <see cref="OpenToChange"/>).
    /// </summary>
    public SafeFileHandle OpenToRead(string name, UnixStat? expected = null) => OpenRegular(name, ReadOnly, expected);

    /// <summary>
    /// Opens the regular file <paramref name="name"/> for reading and writing (to empty it, write into
    /// it or change its owner and mode), refusing a file with another name or an untrusted owner.
    /// </summary>
    public SafeFileHandle OpenToChange(string name, UnixStat? expected = null)
    {
        var handle = OpenRegular(name, ReadWrite, expected);
        if (FileTrust.Problem(Join(Path, name), UnixStat.Of(handle), Self) is { } problem)
        {
            handle.Dispose();
            throw new IOException(problem);
        }
        return handle;
    }

    /// <summary>Creates <paramref name="name"/> exclusively (never over or through anything there), root's and 0600.</summary>
    public SafeFileHandle CreateNew(string name)
    {
        var fd = OpenAt(Fd(_handle), Name(name), ReadWrite | Create | Exclusive | NoFollow | CloseOnExec, 0b110_000_000);
        if (fd < 0)
            throw Failure(Join(Path, name), LastError);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    /// <summary>Renames inside this directory without replacing anything.</summary>
    public RenameOutcome RenameNoReplace(string from, string to) => RenameNoReplace(from, this, to);

    /// <summary>Renames into <paramref name="target"/> (same filesystem) without replacing anything.</summary>
    public RenameOutcome RenameNoReplace(string from, DirectoryHandle target, string to)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (RenameAt2(Fd(_handle), Name(from), Fd(target._handle), Name(to), UnixCalls.RenameNoReplace) == 0)
            return RenameOutcome.Renamed;
        var errno = LastError;
        if (errno is EInval or ENoSys)
        {
            // No RENAME_NOREPLACE on this filesystem: check, then rename (the portable window).
            if (target.Stat(to) is not null)
                return RenameOutcome.TargetExists;
            if (RenameAt2(Fd(_handle), Name(from), Fd(target._handle), Name(to), 0) == 0)
                return RenameOutcome.Renamed;
            errno = LastError;
        }
        return errno switch
        {
            EXDev => RenameOutcome.CrossDevice,
            EExist or ENotEmpty => RenameOutcome.TargetExists,
            _ => throw Failure($"{Join(Path, from)} -> {Join(target.Path, to)}", errno),
        };
    }

    /// <summary>Renames <paramref name="from"/> over <paramref name="to"/> in this directory (atomic replace of a name, never of what it points at).</summary>
    public void Replace(string from, string to)
    {
        if (RenameAt2(Fd(_handle), Name(from), Fd(_handle), Name(to), 0) != 0)
            throw Failure($"{Join(Path, from)} -> {Join(Path, to)}", LastError);
    }

    /// <summary>Removes the name <paramref name="name"/> (a file or link, never what a link points at); false when there was none.</summary>
    public bool Delete(string name)
    {
        if (UnlinkAt(Fd(_handle), Name(name), 0) == 0)
            return true;
        var errno = LastError;
        return errno == ENoEnt ? false : throw Failure(Join(Path, name), errno);
    }

    /// <summary>Gives <paramref name="name"/> in this directory a second name at <paramref name="created"/> (a root-only path); false where the filesystem cannot.</summary>
    public bool TryLink(string name, string created)
    {
        if (LinkAt(Fd(_handle), Name(name), AtFdCwd, created, 0) == 0)
            return true;
        var errno = LastError;
        return errno is EXDev or EPerm or 31 ? false : throw Failure($"{Join(Path, name)} -> {created}", errno);
    }

    /// <summary>fsync of the directory: renames and unlinks in it are durable. Best effort.</summary>
    public void Sync() => _ = Fsync(Fd(_handle));

    public void Dispose() => _handle.Dispose();

    private static string Name(string name) =>
        name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or ".."
            ? throw new ArgumentException($"\"{name}\" is not a single file name", nameof(name))
            : name;

    private SafeFileHandle OpenRegular(string name, int access, UnixStat? expected)
    {
        // O_NONBLOCK: a FIFO put in the file's place must not hang root on open.
        var fd = OpenAt(Fd(_handle), Name(name), access | NoFollow | NonBlocking | NoControllingTerminal | CloseOnExec, 0);
        if (fd < 0)
            throw Failure(Join(Path, name), LastError);
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var opened = UnixStat.Of(handle);
        if (opened.Type != UnixFileType.Regular || (expected is not null && !opened.SameFileAs(expected)))
        {
            handle.Dispose();
            throw new IOException(opened.Type != UnixFileType.Regular
                ? $"{Join(Path, name)} is not a regular file; left alone"
                : $"{Join(Path, name)} was replaced while it was being checked; left alone");
        }
        return handle;
    }

    private static int Fd(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private static string Join(string directory, string name) => directory == "/" ? "/" + name : directory + "/" + name;

    private static IOException Failure(string path, int errno) => errno switch
    {
        ELoop => new IOException($"{path} is or goes through a symbolic link; Anna does not follow links here"),
        ENotDir => new IOException($"{path} goes through something that is not a directory"),
        ENoEnt => new FileNotFoundException($"{path} does not exist", path),
        EExist => new IOException($"{path} already exists"),
        _ => new IOException($"{path}: {Error(errno)}"),
    };
}
