namespace Anna.Core.Linux.Packages;

/// <summary>
/// The package file of one installed version, kept so that the version can be installed again
/// without a repository — or, when none could be kept, why not.
/// </summary>
/// <param name="Path">Where the kept file is; null when none could be kept.</param>
/// <param name="Detail">Where it came from ("copied from the cache", "downloaded"), or why it could not be kept.</param>
public sealed record KeptPackageFile(PackageName Package, string Version, string? Path, string Detail)
{
    public bool Kept => Path is not null;

    public static KeptPackageFile Missing(PackageName package, string version, string why) => new(package, version, null, why);
}
