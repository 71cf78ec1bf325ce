using Microsoft.Extensions.Configuration;

namespace Anna.Server.Persistence;

/// <summary>Where Anna keeps its state (the SQLite database, later quarantine and journal).</summary>
public static class AnnaDataDirectory
{
    /// <summary>Host setting that overrides the default location.</summary>
    public const string SettingKey = "Anna:DataDir";

    /// <summary>The root daemon's location, per the FHS.</summary>
    public const string SystemPath = "/var/lib/anna";

    /// <summary>Used when not root (development, demo mode) so nothing needs privileges.</summary>
    public const string UserDirectoryName = ".anna";

    public const string DatabaseFileName = "anna.db";

    // Owner-only: the store holds what was done on the host and why; other users have no business reading it.
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Resolves the directory for this process from <see cref="SettingKey"/>.</summary>
    public static string Resolve(IConfiguration configuration) =>
        Resolve(configuration[SettingKey], Environment.IsPrivilegedProcess, Directory.GetCurrentDirectory());

    /// <summary>
    /// An explicit setting wins; otherwise <see cref="SystemPath"/> for root and
    /// <c>./.anna</c> for anyone else. Always an absolute path, relative ones taken from
    /// <paramref name="currentDirectory"/>.
    /// </summary>
    public static string Resolve(string? configured, bool isRoot, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, currentDirectory);
        }
        return isRoot ? SystemPath : Path.GetFullPath(UserDirectoryName, currentDirectory);
    }

    /// <summary>Creates the directory with mode 0700 if it is missing; an existing one is left as the admin made it.</summary>
    public static void EnsureExists(string dataDirectory)
    {
        if (Directory.Exists(dataDirectory))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDirectory);
            return;
        }
        Directory.CreateDirectory(dataDirectory, OwnerOnly);
    }

    public static string DatabasePath(string dataDirectory) => Path.Combine(dataDirectory, DatabaseFileName);
}
