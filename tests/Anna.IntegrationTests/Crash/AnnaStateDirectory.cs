namespace Anna.IntegrationTests.Crash;

/// <summary>
/// What survives an Anna process: its data directory (database, backups, quarantine) and its
/// policy file, in a temporary directory of the test's own. Processes come and go on it; disposing
/// removes it.
/// </summary>
internal sealed class AnnaStateDirectory : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("anna-state-");

    public string Root => _root.FullName;

    public string DataDirectory => Path.Combine(Root, "data");

    public string PolicyPath => Path.Combine(Root, "healing.toml");

    /// <summary>Anna's Unix socket door; the tests talk to it as root, so as an admin.</summary>
    public string SocketPath => Path.Combine(Root, "anna.sock");

    /// <summary>Writes the policy the next process starts with (root-owned, not writable by others, as Anna requires).</summary>
    public void WritePolicy(string toml)
    {
        File.WriteAllText(PolicyPath, toml);
        File.SetUnixFileMode(PolicyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
