using Anna.Core.Linux.FileSystem;

namespace Anna.Server.Notifications;

/// <summary>
/// The signing key from secret_file. Read for each delivery (a new key takes effect without a
/// restart) and refused unless only root could have written or could read it: a key others can
/// read signs nothing a receiver should believe.
/// </summary>
public static class WebhookSecret
{
    private const int MaxBytes = 4096;

    /// <summary>The key, or null with the reason it cannot be used.</summary>
    public static byte[]? Read(string path, out string? problem)
    {
        problem = null;
        var stat = UnixStat.TryGet(path);
        if (stat is null)
            problem = $"secret_file {path} does not exist";
        else if (stat.Type != UnixFileType.Regular)
            problem = $"secret_file {path} is not a regular file (a link is not followed)";
        else if (stat.Uid != 0)
            problem = $"secret_file {path} is owned by uid {stat.Uid}, not root";
        else if ((stat.Mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            problem = $"secret_file {path} may be read or written by others (mode {Convert.ToString((int)stat.Mode, 8)}); make it 0600";
        else if (stat.Size is 0 or > MaxBytes)
            problem = $"secret_file {path} must hold 1 to {MaxBytes} bytes";
        if (problem is not null)
            return null;
        var key = File.ReadAllBytes(path);
        // An editor's final newline is not part of the key.
        return key.AsSpan().TrimEnd("\r\n"u8).ToArray();
    }
}
