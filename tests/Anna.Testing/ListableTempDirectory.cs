namespace Anna.Testing;

/// <summary>
/// A temp directory every user may list, like /etc or /var/log (a new temp directory is 0700): the
/// names of files under it are shown in evidence and undo steps, as on a real machine.
/// </summary>
public static class ListableTempDirectory
{
    public static DirectoryInfo Create(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix);
        File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return directory;
    }
}
