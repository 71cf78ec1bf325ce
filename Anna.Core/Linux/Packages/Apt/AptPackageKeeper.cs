namespace Anna.Core.Linux.Packages.Apt;

/// <summary>
/// Keeps the .deb of an installed version: a copy of the one in apt's archives when it is there,
/// otherwise <c>apt-get download name=version</c> into the keeping directory. Every candidate is
/// checked by its control fields, not trusted by its name.
/// </summary>
internal sealed class AptPackageKeeper(AptOptions options, AptCommand apt)
{
    public async Task<KeptPackageFile> KeepAsync(PackageName package, string version, string directory, CancellationToken cancellationToken)
    {
        if (PackageVersionText.Problem(version) is { } bad)
            return KeptPackageFile.Missing(package, version, bad);
        PackageFiles.EnsureDirectory(directory);
        // apt names its files name_version_arch.deb with the epoch's ':' written as "%3a".
        var pattern = $"{package.Value}_{version.Replace(":", "%3a", StringComparison.Ordinal)}_*.deb";
        try
        {
            foreach (var kept in Matching(directory, pattern))
            {
                if (await IsAsync(kept, package, version, cancellationToken))
                    return new KeptPackageFile(package, version, kept, "already kept");
            }
            foreach (var cached in Matching(options.ArchivesDirectory, pattern))
            {
                if (await IsAsync(cached, package, version, cancellationToken))
                    return new KeptPackageFile(package, version, PackageFiles.CopyInto(cached, directory), $"copied from the package cache ({cached})");
            }
            var download = await apt.DownloadAsync([$"{package.Value}={version}"], directory, cancellationToken);
            foreach (var fetched in Matching(directory, pattern))
            {
                if (await IsAsync(fetched, package, version, cancellationToken))
                    return new KeptPackageFile(package, version, fetched, "downloaded from the repository");
            }
            return KeptPackageFile.Missing(package, version, download.Succeeded
                ? $"not in {options.ArchivesDirectory}, and apt-get download left no {package} {version} file"
                : $"not in {options.ArchivesDirectory}, and apt-get download failed: {download.Excerpt(300)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PackageManagerException)
        {
            return KeptPackageFile.Missing(package, version, $"could not keep its package file: {e.Message}");
        }
    }

    /// <summary>Whether the file is a readable .deb of exactly this package and version (a truncated download is not).</summary>
    private async Task<bool> IsAsync(string debFile, PackageName package, string version, CancellationToken cancellationToken)
    {
        try
        {
            var fields = await apt.DebFieldsAsync(debFile, cancellationToken);
            return fields.GetValueOrDefault("Package") == package.Value && fields.GetValueOrDefault("Version") == version;
        }
        catch (PackageManagerException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Matching(string directory, string pattern) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, pattern, new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint })
                .Order(StringComparer.Ordinal).ToList()
            : [];
}
