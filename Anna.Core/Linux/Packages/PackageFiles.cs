namespace Anna.Core.Linux.Packages;

/// <summary>
/// Checks package files before they are handed to a package manager, and copies files into a
/// keeping directory. A path given to apt or pacman must be absolute (so it is never read as a
/// package name or an option), an existing regular file, and of the tool's own kind.
/// </summary>
public static class PackageFiles
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Every reason the files cannot be installed, empty when they can.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<string> files, Func<string, bool> isPackageFileName)
    {
        var problems = new List<string>();
        foreach (var file in files)
        {
            if (string.IsNullOrEmpty(file) || file.Any(char.IsControl) || !Path.IsPathFullyQualified(file))
                problems.Add($"'{file}' is not an absolute path");
            else if (!isPackageFileName(Path.GetFileName(file)))
                problems.Add($"{file} is not a package file");
            else if (!File.Exists(file) || File.GetAttributes(file).HasFlag(FileAttributes.ReparsePoint))
                problems.Add($"{file} does not exist or is not a regular file");
        }
        return problems;
    }

    public static void Validate(IReadOnlyList<string> files, Func<string, bool> isPackageFileName)
    {
        if (Problems(files, isPackageFileName) is { Count: > 0 } problems)
            throw new ArgumentException(string.Join("; ", problems), nameof(files));
    }

    /// <summary>Makes the keeping directory, readable by its owner (root) only.</summary>
    public static void EnsureDirectory(string directory)
    {
        if (!Path.IsPathFullyQualified(directory))
            throw new ArgumentException($"'{directory}' is not an absolute path", nameof(directory));
        Directory.CreateDirectory(directory, OwnerOnlyDirectory);
    }

    /// <summary>
    /// Copies a file into the directory under its own name: first to a temporary name, then renamed,
    /// so a copy cut short never looks like a kept package.
    /// </summary>
    public static string CopyInto(string file, string directory)
    {
        var target = Path.Combine(directory, Path.GetFileName(file));
        var partial = target + ".part";
        File.Copy(file, partial, overwrite: true);
        File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(partial, target, overwrite: true);
        return target;
    }
}
