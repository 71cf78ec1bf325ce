namespace Anna.Core.Linux.Packages.Pacman;

/// <summary>Arch's kernel packages: left to the kernel_update action, never upgraded in passing.</summary>
public static class PacmanKernel
{
    public static readonly IReadOnlyList<string> Packages = ["linux", "linux-lts", "linux-zen", "linux-hardened"];

    /// <summary>
    /// What a general upgrade ignores: the kernels and their headers, so that modules built
    /// against the headers (DKMS) keep matching the kernel that is installed.
    /// </summary>
    public static readonly IReadOnlyList<string> Ignored = [.. Packages, .. Packages.Select(p => p + "-headers")];

    public static bool IsKernel(string packageName) => Packages.Contains(packageName, StringComparer.Ordinal);
}
