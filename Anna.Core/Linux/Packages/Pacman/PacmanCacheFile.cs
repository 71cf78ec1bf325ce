namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>A package file in pacman's cache, named <c>name-version-rel-arch.pkg.tar[.ext]</c>.</summary>
/// <param name="Version">pkgver-pkgrel, with the epoch when there is one ("1:2.0-1").</param>
public sealed record PacmanCacheFile(string Path, string Name, string Version, string Arch, long Bytes)
{
    private const string Marker = ".pkg.tar";

    /// <summary>
    /// Reads the name, version and architecture from a file name. Signatures (<c>.sig</c>) and
    /// partial downloads (<c>.part</c>) are not package files.
    /// </summary>
    public static bool TryParseFileName(string fileName, out string name, out string version, out string arch)
    {
        name = version = arch = "";
        var marker = fileName.LastIndexOf(Marker, StringComparison.Ordinal);
        if (marker <= 0)
            return false;
        var extension = fileName[(marker + Marker.Length)..];
        // ".pkg.tar" itself, or one compression suffix such as ".zst", ".xz", ".gz".
        if (extension.Length > 0 && (extension[0] != '.' || extension.IndexOf('.', 1) >= 0 || extension is ".sig" or ".part"))
            return false;
        var stem = fileName[..marker];
        var archDash = stem.LastIndexOf('-');
        var relDash = archDash > 0 ? stem.LastIndexOf('-', archDash - 1) : -1;
        var verDash = relDash > 0 ? stem.LastIndexOf('-', relDash - 1) : -1;
        if (verDash <= 0 || relDash - verDash < 2 || archDash - relDash < 2 || archDash == stem.Length - 1)
            return false;
        name = stem[..verDash];
        version = stem[(verDash + 1)..archDash];
        arch = stem[(archDash + 1)..];
        return PackageName.TryParse(name, out _, out _);
    }
}
