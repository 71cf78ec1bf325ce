namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>
/// Keeps the package file of an installed version: a copy of <c>name-version-arch.pkg.tar.*</c>
/// from pacman's cache, with its detached signature when there is one. Files are matched by the
/// name and version their file name carries, exactly (pacman names its downloads that way).
/// </summary>
internal static class PacmanPackageKeeper
{
    public static KeptPackageFile Keep(PackageName package, string version, string cacheDirectory, string directory)
    {
        if (PackageVersionText.Problem(version) is { } bad)
            return KeptPackageFile.Missing(package, version, bad);
        PackageFiles.EnsureDirectory(directory);
        try
        {
            if (Find(directory, package, version) is { } kept)
                return new KeptPackageFile(package, version, kept, "already kept");
            if (Find(cacheDirectory, package, version) is not { } cached)
                return KeptPackageFile.Missing(package, version,
                    $"no {package}-{version} package file in {cacheDirectory}, and pacman can fetch only the newest version");
            var copy = PackageFiles.CopyInto(cached, directory);
            if (File.Exists(cached + ".sig"))
                PackageFiles.CopyInto(cached + ".sig", directory);
            return new KeptPackageFile(package, version, copy, $"copied from the package cache ({cached})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return KeptPackageFile.Missing(package, version, $"could not keep its package file: {e.Message}");
        }
    }

    private static string? Find(string directory, PackageName package, string version) =>
        !Directory.Exists(directory)
            ? null
            : Directory.EnumerateFiles(directory, $"{package.Value}-*.pkg.tar*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint })
                .Where(f => PacmanCacheFile.TryParseFileName(Path.GetFileName(f), out var name, out var v, out _) && name == package.Value && v == version)
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
}
